// The role of a scaling-law run: which model, budget and training method it stands for, and the
// kind's conformance to the study-kind protocol.
import Foundation

/// A scaling-law run's place in the study (stored with the run; snake_case keys in data.csv).
struct ScalingLawRole: Codable, Sendable, Hashable {
    /// How the run's point is trained.
    enum Method: String, Codable, Sendable {
        /// A run with a cosine schedule matched to its own length.
        case cosine
        /// A constant-LR trunk whose checkpoints the cooldown branches start from.
        case wsdTrunk = "wsd-trunk"
        /// A cooldown branch off a trunk.
        case wsdBranch = "wsd-branch"
        /// A cosine run at a fixed compute budget.
        case isoFLOP = "isoflop"
        /// A run of the per-size learning-rate sweep.
        case learningRateSweep = "lr-sweep"
    }

    var model: String
    /// All parameters (Chinchilla's N).
    var parameters: Int
    /// Non-embedding parameters (Kaplan's N).
    var nonEmbeddingParameters: Int
    /// Training tokens (bytes) of the point.
    var tokens: Int
    var seed: Int
    var method: Method
    /// IsoFLOP budget C in FLOPs, for `isoflop` runs.
    var compute: Double?
    /// Multiple of the spec's peak learning rate, for `lr-sweep` runs.
    var sweepMultiplier: Double?

    enum CodingKeys: String, CodingKey {
        case model, parameters, tokens, seed, method, compute
        case nonEmbeddingParameters = "non_embedding_parameters"
        case sweepMultiplier = "sweep_multiplier"
    }
}

extension ScalingLawSettings: StudyKindDefinition {
    typealias Role = ScalingLawRole

    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        tokenBudgets.enumerated().map { SpecBudget(keyPath: "protocol.token_budgets[\($0.offset)]", bytes: $0.element) }
            + (learningRateSweep.map { [SpecBudget(keyPath: "protocol.learning_rate_sweep.tokens", bytes: $0.tokens)] } ?? [])
    }

    /// A model the token limit leaves without a budget, and an IsoFLOP budget no size can train.
    func problems(_ spec: StudySpec) -> [SpecProblem] {
        let compute = ScalingCompute(context: spec.training.contextLength)
        var problems: [SpecProblem] = []
        if let tokenLimit {
            for (index, model) in spec.models.enumerated() where tokenBudgets(parameters: compute.parameters(model)).isEmpty {
                problems.append(SpecProblem(
                    keyPath: "protocol.token_limit.tokens",
                    message: "models[\(index)] (\(model.name), \(compute.parameters(model)) parameters) has more than \(tokenLimit.aboveParameters) parameters, and no token budget is at most \(tokenLimit.tokens); raise the limit or add a smaller budget"))
            }
        }
        if let learningRateSweep, method != .wsd, let index = tokenBudgets.firstIndex(of: learningRateSweep.tokens) {
            problems.append(SpecProblem(
                keyPath: "protocol.learning_rate_sweep.tokens",
                message: "equals protocol.token_budgets[\(index)], so a sweep run would be the same run as a cosine run of the grid and the two could not be told apart; choose another number of sweep tokens"))
        }
        for (index, budget) in isoFLOPBudgets.enumerated() where isoFLOPShapes(spec, budget: budget).count < 3 {
            problems.append(SpecProblem(
                keyPath: "protocol.isoflop_budgets[\(index)]",
                message: "fewer than 3 model sizes can spend \(Quantity.flops(budget)) FLOPs in at least one step and at most their largest token budget, so its IsoFLOP curve has no vertex; use a budget between the sizes' smallest and largest C = (6N + 12·L·T·d)·D, or add models"))
        }
        return problems
    }

    func summary(_ spec: StudySpec) -> String {
        let iso = isoFLOPBudgets.isEmpty ? "" : ", \(isoFLOPBudgets.count) IsoFLOP budgets"
        return "\(spec.modelCountText) × \(tokenBudgets.count) token budgets\(iso) on \(corpora.joined(separator: " + "))"
    }
}
