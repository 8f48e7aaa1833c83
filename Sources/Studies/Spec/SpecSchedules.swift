// Validation that every run a spec plans has a learning-rate schedule the training core accepts
// (a warm-up that fits its run, a decay that fits after it), so `run` never stops at a run whose
// schedule it cannot build.
import TinyGPT

extension StudySpec {
    /// Builds the schedule of every run the study may train and reports each distinct problem at
    /// `training.schedule`, naming the first run that has it.
    func checkSchedules(_ diagnostics: SpecDiagnostics) {
        guard diagnostics.issues.isEmpty, let runs = try? settings.definition.inputPlan(self) else { return }
        var reported: Set<String> = []
        for run in runs {
            do {
                _ = try TrainingExecutor.learningRateSchedule(run.config.schedule, totalSteps: run.config.steps)
            } catch {
                let problem = "\(error)"
                guard reported.insert(problem).inserted else { continue }
                diagnostics.report("run \"\(run.label)\": \(problem); change training.schedule or the run's length",
                                   at: "training.schedule")
            }
        }
    }
}
