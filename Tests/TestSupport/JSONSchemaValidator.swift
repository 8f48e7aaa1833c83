// A small JSON Schema validator for the tests: the subset docs/report.schema.json uses (type,
// const, enum, properties, required, additionalProperties: false, items, minimum, oneOf and local
// $ref), so a test can check an archived report.json against the documented schema.

import Foundation

public struct JSONSchemaValidator {
    private let root: [String: Any]

    /// Reads the schema at `url`.
    public init(schemaAt url: URL) throws {
        guard let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw ValidatorError(message: "\(url.path) is not a JSON object")
        }
        root = schema
    }

    /// Every property name the schema defines anywhere (for checking the prose documentation).
    public var propertyNames: Set<String> {
        var names = Set<String>()
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] { names.formUnion(properties.keys) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(root)
        return names
    }

    /// The problems of the JSON document `data` against the schema, each with its JSON path; empty
    /// when it validates.
    public func errors(in data: Data) throws -> [String] {
        let instance = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        var errors: [String] = []
        validate(instance, against: root, path: "$", errors: &errors)
        return errors
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        var node: Any = root
        for component in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(component)] ?? [:]
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    private func validate(_ value: Any, against unresolved: [String: Any], path: String, errors: inout [String]) {
        let schema = resolve(unresolved)
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [types as? String ?? ""]
            guard allowed.contains(where: { Self.matches(value, type: $0) }) else {
                errors.append("\(path): expected \(allowed.joined(separator: " or ")), found \(Self.describe(value))")
                return
            }
        }
        if let constant = schema["const"], !Self.equal(value, constant) {
            errors.append("\(path): expected \(constant), found \(Self.describe(value))")
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(value, $0) }) {
            errors.append("\(path): \(Self.describe(value)) is not one of \(options)")
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? NSNumber, number.doubleValue < minimum {
            errors.append("\(path): \(number) is below the minimum \(minimum)")
        }
        if let alternatives = schema["oneOf"] as? [[String: Any]] {
            let matching = alternatives.filter { alternative in
                var scratch: [String] = []
                validate(value, against: alternative, path: path, errors: &scratch)
                return scratch.isEmpty
            }
            if matching.count != 1 {
                errors.append("\(path): matches \(matching.count) of the oneOf alternatives, not exactly 1")
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                errors.append("\(path): missing required field \"\(name)\"")
            }
            if (schema["additionalProperties"] as? Bool) == false {
                for name in object.keys.sorted() where properties[name] == nil {
                    errors.append("\(path): field \"\(name)\" is not in the schema")
                }
            }
            for (name, child) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] as? [String: Any] {
                    validate(child, against: property, path: "\(path).\(name)", errors: &errors)
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                validate(element, against: items, path: "\(path)[\(index)]", errors: &errors)
            }
        }
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "number": return !(value is String) && value is NSNumber
        case "integer":
            guard !(value is String), let number = value as? NSNumber else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        default: return false
        }
    }

    private static func equal(_ value: Any, _ expected: Any) -> Bool {
        if expected is NSNull { return value is NSNull }
        if let expected = expected as? String { return (value as? String) == expected }
        if let expected = expected as? NSNumber, !(value is String), let number = value as? NSNumber {
            return expected.doubleValue == number.doubleValue
        }
        return false
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let text as String: return "\"\(text)\""
        case is [String: Any]: return "an object"
        case is [Any]: return "an array"
        default: return "\(value)"
        }
    }

    private struct ValidatorError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
