// A run's learning rate sampled over its steps, as the trainer applies it, for the curves reports
// draw beneath losses.

extension RunConfig {
    /// The learning rate at up to `samples` + 1 evenly spaced steps from 0 to the last; empty when
    /// the schedule is invalid.
    func learningRateCurve(samples: Int = 200) -> [(step: Int, rate: Double)] {
        guard steps > 0, let schedule = try? TrainingExecutor.learningRateSchedule(self.schedule, totalSteps: steps) else { return [] }
        let count = min(steps, samples)
        return (0...count).map { index in
            let step = Int((Double(index) / Double(count) * Double(steps - 1)).rounded())
            return (step, Double(schedule.learningRate(atStep: step)))
        }
    }
}
