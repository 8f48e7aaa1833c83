// A planned run: its config (what determines its result, hashed) plus its place in the study (a
// label for people and its kind's typed role, stored beside it so analysis can find it again).
import Foundation

/// A run's place in its study: the study kind's own typed role (arm, model, budget, seed, …),
/// kept as canonical JSON so shared code can store and export it without knowing the type.
public struct RunRole: Sendable, Hashable {
    /// The role as JSON with sorted keys.
    public let json: String

    /// Encodes `role`; encoding plain value types to JSON cannot fail.
    public init<Role: Encodable>(_ role: Role) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        json = (try? encoder.encode(role)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A role read back from the store.
    init(json: String) {
        self.json = json
    }

    /// The role as its kind's type.
    /// - Throws: `RunRoleError` when the stored JSON is not a `Role` (a store written by another version).
    public func decode<Role: Decodable>(_ type: Role.Type) throws -> Role {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(Role.self, from: Data(json.utf8))
        } catch {
            throw RunRoleError(json: json, role: String(describing: Role.self), reason: "\(error)")
        }
    }

    /// The role's top-level fields as text, for data.csv columns (numbers as JSON writes them,
    /// nested values as JSON).
    public var columns: [String: String] {
        (try? JSONDecoder().decode([String: ColumnValue].self, from: Data(json.utf8)))?.mapValues(\.text) ?? [:]
    }
}

/// One top-level JSON value of a role, as the text of a CSV cell.
private struct ColumnValue: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            text = ""
        } else if let value = try? container.decode(Bool.self) {
            text = value ? "true" : "false"
        } else if let value = try? container.decode(Int.self) {
            text = String(value)
        } else if let value = try? container.decode(Double.self) {
            text = String(value)
        } else if let value = try? container.decode(String.self) {
            text = value
        } else {
            text = "…"
        }
    }
}

/// A stored role that is not what the study kind expects.
public struct RunRoleError: Error, CustomStringConvertible {
    public var json: String
    public var role: String
    public var reason: String

    public var description: String {
        "a run's stored role \(json) is not a \(role) (\(reason)); it was planned by another version of TinyScale — run `tinyscale run` on the spec again to re-plan the study"
    }
}

/// A planned run: its config plus its place in the study.
public struct PlannedRun: Sendable, Equatable {
    public var config: RunConfig
    /// Human label within the study, e.g. `m · 1M tokens · seed 0`.
    public var label: String
    public var role: RunRole

    public init<Role: Encodable>(config: RunConfig, label: String, role: Role) {
        self.config = config
        self.label = label
        self.role = RunRole(role)
    }

    public var hash: String { config.hash }
}
