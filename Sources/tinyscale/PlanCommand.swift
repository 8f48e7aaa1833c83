// `tinyscale plan <spec>` (and `run --dry-run`): the runs a profile plans, which the store already
// has, the bytes and FLOPs to train and an estimated wall time. Trains nothing, takes no lock and
// writes nothing but the calibration cache (`<output>/.cache/calibration.json`).
import ArgumentParser
import Foundation
import Studies
import TinyGPT

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the runs a study would train, what is already stored, and how long the rest would take.",
        discussion: """
            Lists every run the profile plans with its model, tokens and FLOPs and whether it is \
            already complete in the store at --output, then the bytes and FLOPs still to train \
            and an estimated wall time. A study that plans in stages (the scaling law's \
            learning-rate sweep, then the runs at the rates it picks) lists its later runs too, \
            marked `later`, at the spec's own settings. The estimate comes from a short calibration — a few \
            training steps per distinct model shape — cached in <output>/.cache/calibration.json \
            for this build and CPU, and counts how many runs train side by side. Nothing is \
            trained, no lock is taken and the store is not written. `tinyscale run --dry-run` \
            prints the same.

            Exit status: 0 done, 64 bad usage, 65 invalid spec, 66 a missing spec or corpus \
            file, 70 a failure while working.
            """)

    @OptionGroup var options: StudyOptions

    @Flag(help: "Print the plan as JSON.")
    var json = false

    func run() throws {
        try Self.show(options.loadSpec(), pipeline: options.pipeline, jobs: options.jobs, json: json)
    }

    /// Prints the preview of `study` against `pipeline`'s store (shared with `run --dry-run`).
    static func show(_ study: StudySpec, pipeline: StudyPipeline, jobs: Int?, json: Bool) throws {
        let preview: PlanPreview
        do {
            let (plan, later) = try pipeline.stagedPlan(study)
            let statuses = try RunStore.statuses(atPath: pipeline.storePath)
            let parallelism = Parallelism.choose(for: study, cores: ProcessInfo.processInfo.activeProcessorCount, jobs: jobs)
            let shapes = PlanPreview.shapes(of: plan + later, statuses: statuses, threads: parallelism.threadsPerJob)
            if !shapes.isEmpty, !json {
                Terminal.error("Calibrating \(shapes.count) model shape\(shapes.count == 1 ? "" : "s") (cached in \(pipeline.outputFolder.appendingPathComponent(".cache").path))…")
            }
            let timings = try SpeedCalibration(outputFolder: pipeline.outputFolder, machineKey: machineKey()).timings(for: shapes)
            preview = PlanPreview.make(spec: study, plan: plan, later: later, statuses: statuses, parallelism: parallelism,
                                       timings: timings)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        if json {
            try JSONOutput.print(preview)
        } else {
            print(table(preview, store: pipeline.storePath))
        }
    }

    /// The build and CPU a calibration is valid for: version, training core, the executable's
    /// size and modification time, CPU model, OpenBLAS kernels.
    static func machineKey() -> String {
        var build = "tinyscale \(TinyScaleCommand.configuration.version) core \(TrainingCoreVersion.current)"
        if let path = Bundle.main.executablePath, let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            build += " binary \(attributes[.size] as? Int ?? 0)@\(Int(modified))"
        }
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            cpu = name.trimmingCharacters(in: .whitespaces)
        }
        return "\(build) · \(cpu) · OpenBLAS \(OpenBLASInfo.coreDescription)"
    }

    /// The preview as a table with a summary line.
    static func table(_ preview: PlanPreview, store: String) -> String {
        let stored = preview.runs.count - preview.runsToTrain
        var lines = ["\(preview.study) (profile \(preview.profile)): \(preview.runs.count) runs, \(stored) already in \(store), \(preview.runsToTrain) to train"]
        let header = ["run", "model", "tokens", "FLOPs", "stored", "estimate"]
        let rows = preview.runs.map { run in
            [run.label, run.model, run.tokens.formatted(), scientific(run.flops),
             run.provisional ? "later" : run.toTrain ? (run.status == "new" ? "no" : run.status) : (run.status == "complete" ? "yes" : run.status),
             run.toTrain ? duration(run.estimatedSeconds) : "—"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append(row.indices.map { column in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return [2, 3].contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        lines.append("To train: \(preview.runsToTrain) run\(preview.runsToTrain == 1 ? "" : "s"), \(bytes(preview.bytesToTrain)), \(scientific(preview.flopsToTrain)) FLOPs; estimated \(duration(preview.estimatedSeconds)) with \(preview.jobs) job\(preview.jobs == 1 ? "" : "s") × \(preview.threadsPerJob) thread\(preview.threadsPerJob == 1 ? "" : "s").")
        if preview.provisionalRuns > 0 {
            lines.append("\(preview.provisionalRuns) of them (stored: later) are planned once the runs before them have finished; their settings are provisional (the learning-rate sweep picks each size's rate), their sizes and times are not.")
        }
        lines.append("Nothing was trained or written.")
        return lines.joined(separator: "\n")
    }

    /// FLOPs as `3.1e+11`.
    static func scientific(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.2g", value)
    }

    /// Bytes as `45 kB`, `1.2 MB` (decimal units, like spec sizes).
    static func bytes(_ count: Int) -> String {
        switch count {
        case ..<1_000: return "\(count) bytes"
        case ..<1_000_000: return String(format: "%.3g kB", Double(count) / 1e3)
        case ..<1_000_000_000: return String(format: "%.3g MB", Double(count) / 1e6)
        default: return String(format: "%.3g GB", Double(count) / 1e9)
        }
    }

    /// Seconds as `0.4 s`, `12 s`, `3 min 20 s`, `2 h 05 min`.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<10: return String(format: "%.1f s", seconds)
        case ..<60: return String(format: "%.0f s", seconds)
        case ..<3600: return "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
        default: return String(format: "%d h %02d min", Int(seconds) / 3600, Int(seconds) % 3600 / 60)
        }
    }
}
