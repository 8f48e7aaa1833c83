// The typed, validated study spec: what every study kind shares plus its kind's own settings.

import TinyGPT

/// A study spec after decoding, profile resolution and validation.
public struct StudySpec: Sendable, Equatable {
    /// The spec file as the user named it.
    public var file: String
    public var kind: StudyKind
    /// Study name, used for archive folders (`output/<name>/…`).
    public var name: String
    /// Report title.
    public var title: String
    /// The published finding this study checks, in one or two sentences.
    public var claim: String
    /// Seeds every compared arm is trained with.
    public var seeds: [Int]
    public var models: [ModelShape]
    public var training: TrainingSettings
    public var fit: FitSettings
    public var report: ReportSettings
    /// How `run --executor slurm` submits the runs (spec key `slurm`); no effect on results.
    public var slurm = SlurmSettings()
    public var settings: StudySettings
    /// The profile this spec was resolved with (`full` when none was asked for).
    public var profile: String
    /// Every profile the file defines.
    public var profileNames: [String]
    /// The spec as YAML with the profile applied and the `profiles` section removed (archived as
    /// `spec.yaml`, and stored so a report can be re-rendered from the store alone).
    public var resolvedYAML = ""
    /// `resolvedYAML` with every key the spec leaves out written with the default it was read
    /// with (`tinyscale validate --profile` prints it).
    public var resolvedYAMLWithDefaults = ""
    /// The folder relative `file:` corpus paths are resolved against: the spec file's own, as an
    /// absolute path.
    public var folder = ""
    /// SHA-256 of each `file:` corpus the spec names (by resolved source name, `file:/abs/path`),
    /// taken when the spec was loaded; runs carry it in their data plans, so it is their identity.
    public var inputDigests: [String: String] = [:]

    /// The default profile: the spec as written, without overrides.
    public static let defaultProfile = "full"
}

extension StudySpec {
    /// Reads a whole spec document (profiles already merged in) and checks it.
    static func read(_ root: MappingReader, file: String, profile: String, profileNames: [String]) -> StudySpec {
        root.diagnostics.inputs.beginPass()
        let kindIsValid = root.node("kind")?.string.flatMap(StudyKind.init(rawValue:)) != nil
        let kind: StudyKind = root.choice("kind", default: nil)
        let stem = file.split(separator: "/").last.map { $0.split(separator: ".").first.map(String.init) ?? "" } ?? "study"
        let name = root.string("name", default: stem, example: "my-study")
        if let problem = StudyName.problem(with: name) {
            if root.contains("name") {
                root.diagnostics.report("found \(SpecFormat.quoted(StudyName.visible(name))); \(problem)", at: root.childPath("name"))
            } else {
                root.diagnostics.report("the study is named after its file, '\(StudyName.visible(name))', but \(problem); add e.g. `name: my-study`",
                                        at: "name", mark: root.mark)
            }
        }
        let title = root.string("title", default: name)
        let claim = root.string("claim", default: "")
        let seeds = root.ints("seeds", default: [0], bound: .nonNegative)
        if Set(seeds).count != seeds.count {
            root.diagnostics.report("found \(seeds); every seed must be different", at: root.childPath("seeds"))
        }
        let models = root.mappings("models", required: true).enumerated().map { ModelShape.read($1, index: $0) }
        var seenNames: Set<String> = []
        for (index, model) in models.enumerated() where !seenNames.insert(model.name).inserted {
            root.diagnostics.report("found the model name \(SpecFormat.quoted(model.name)) twice; give each model its own name",
                                    at: "\(root.childPath("models"))[\(index)].name")
        }
        let training = TrainingSettings.read(root.mapping("training"))
        // Under an invalid kind the kind-specific sections cannot be judged: read them into a
        // scratch collector so only the kind itself is reported.
        let sectionDiagnostics = kindIsValid ? root.diagnostics : root.diagnostics.scratch()
        let data = MappingReader(root.node("data"), path: "data", diagnostics: sectionDiagnostics)
        let protocolReader = MappingReader(root.node("protocol"), path: "protocol", diagnostics: sectionDiagnostics)
        let verdicts = MappingReader(root.node("verdicts"), path: "verdicts", diagnostics: sectionDiagnostics)
        let settings = StudySettings.read(kind: kind, data: data, protocolReader: protocolReader, verdicts: verdicts)
        let fit = FitSettings.read(root.mapping("fit"))
        let report = ReportSettings.read(root.mapping("report"))
        let slurm = SlurmSettings.read(root.mapping("slurm"))
        _ = root.node("profiles")
        root.finish()

        var spec = StudySpec(file: file, kind: kind, name: name, title: title, claim: claim, seeds: seeds,
                             models: models, training: training, fit: fit, report: report, settings: settings,
                             profile: profile, profileNames: profileNames)
        spec.slurm = slurm
        spec.folder = root.diagnostics.inputs.folder
        spec.checkBudgets(root.diagnostics)
        spec.checkMemory(root.diagnostics)
        spec.inputDigests = spec.checkInputs(root.diagnostics)
        spec.checkSchedules(root.diagnostics)
        return spec
    }

    /// Every model must fit in the machine's memory while training (parameters, gradients, AdamW
    /// state and the activations of one `batch_size × context` batch), so that `run` never
    /// starts what it cannot finish.
    private func checkMemory(_ diagnostics: SpecDiagnostics) {
        let available = MachineMemory.availableBytes
        for (index, model) in models.enumerated() where model.layers > 0 && model.width > 0 && model.heads > 0 {
            let config = modelConfig(model)
            let estimate = config.memoryEstimate(batchSize: training.batchSize, sequenceLength: training.contextLength, training: true)
            if estimate.totalBytes > available {
                diagnostics.report(
                    "model '\(model.name)' (\(model.layers) layers × width \(model.width), batch_size \(training.batchSize) × context \(training.contextLength)) needs \(estimate) to train, more than the \(MemoryEstimate.format(available)) this machine has; use fewer layers, a smaller width, or lower training.batch_size or training.context",
                    at: "models[\(index)]")
            }
        }
    }

    /// Every byte budget must hold more than one context window, and every training budget at
    /// least one full step of `batch_size × context` bytes.
    private func checkBudgets(_ diagnostics: SpecDiagnostics) {
        let context = training.contextLength
        let step = training.batchSize * context
        func checkSteps(_ tokens: Int, at path: String) {
            if tokens < step {
                diagnostics.report(
                    "found \(tokens) bytes, less than one training step (batch_size \(training.batchSize) × context \(context) = \(step) bytes); raise it or lower training.batch_size or training.context",
                    at: path)
            }
        }
        func checkDocument(_ bytes: Int, at path: String) {
            if bytes <= context {
                diagnostics.report(
                    "found \(bytes) bytes, not longer than the context (\(context) bytes); raise it or lower training.context",
                    at: path)
            }
        }
        for problem in settings.kindSettings.problems(self) {
            diagnostics.report(problem.message, at: problem.keyPath)
        }
        for budget in settings.kindSettings.budgets(self) {
            switch budget.requirement {
            case .trainingStep: checkSteps(budget.bytes, at: budget.keyPath)
            case .longerThanContext: checkDocument(budget.bytes, at: budget.keyPath)
            }
        }
    }
}
