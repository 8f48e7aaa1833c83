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

    enum CodingKeys: String, CodingKey {
        case model, parameters, tokens, seed, method, compute
        case nonEmbeddingParameters = "non_embedding_parameters"
    }
}

extension ScalingLawSettings: StudyKindDefinition {
    typealias Role = ScalingLawRole

    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        tokenBudgets.enumerated().map { SpecBudget(keyPath: "protocol.token_budgets[\($0.offset)]", bytes: $0.element) }
    }

    func summary(_ spec: StudySpec) -> String {
        let iso = isoFLOPBudgets.isEmpty ? "" : ", \(isoFLOPBudgets.count) IsoFLOP budgets"
        return "\(spec.modelCountText) × \(tokenBudgets.count) token budgets\(iso) on \(corpus)"
    }
}
