// Loads a spec file: parses YAML with positions, validates the spec as written and under every
// profile, and returns the spec resolved for the requested profile — or every problem at once.
import Foundation
import Yams

/// A profile asked for on the command line that the spec does not define.
public struct UnknownProfileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var profile: String
    public var available: [String]

    public var description: String {
        "\(file): error: no profile '\(profile)'\(Suggestion.phrase(for: profile, among: available)) (available: \(available.joined(separator: ", ")))"
    }
}

public enum SpecLoader {
    /// Reads and validates the spec at `path`, resolved for `profile` (nil = `full`).
    /// - Throws: `SpecFileError` (missing or unreadable file), `SpecValidationError` (every
    ///   problem in the file, under any profile), `UnknownProfileError`.
    public static func load(path: String, profile: String? = nil) throws -> StudySpec {
        guard FileManager.default.fileExists(atPath: path) else { throw SpecFileError.notFound(path: path) }
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SpecFileError.unreadable(path: path, reason: "it cannot be opened")
        }
        if let (line, column, byte) = firstInvalidUTF8(bytes) {
            throw SpecValidationError(issues: [SpecIssue(
                file: path, line: line, column: column, keyPath: "",
                message: "byte 0x\(String(byte, radix: 16, uppercase: true)) is not UTF-8; save the spec as UTF-8 text")])
        }
        return try parse(yaml: String(decoding: bytes, as: UTF8.self), file: path, profile: profile)
    }

    /// The 1-based line and column (in characters) of the first byte that is not valid UTF-8, and
    /// that byte; nil when every byte is.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                return (line, column, bytes[offset])
            case .emptyInput:
                return nil
            }
        }
    }

    /// Validates spec text; `file` names it in messages, and relative `file:` corpus paths are
    /// resolved against `folder` (default: the folder of `file`).
    public static func parse(yaml: String, file: String, profile: String? = nil, folder: String? = nil) throws -> StudySpec {
        let diagnostics = SpecDiagnostics(file: file, folder: folder)
        guard let root = compose(yaml, diagnostics: diagnostics) else {
            throw SpecValidationError(issues: diagnostics.issues)
        }
        guard case .mapping(let rootMapping) = root else {
            diagnostics.report("found \(MappingReader.describe(root)), expected a mapping with keys such as kind, models, training",
                               at: "", mark: root.mark)
            throw SpecValidationError(issues: diagnostics.issues)
        }

        let profiles = readProfiles(rootMapping[Node("profiles")], diagnostics: diagnostics)
        let profileNames = [StudySpec.defaultProfile] + profiles.map(\.name).filter { $0 != StudySpec.defaultProfile }
        let requested = profile ?? StudySpec.defaultProfile
        if !profileNames.contains(requested) {
            throw UnknownProfileError(file: file, profile: requested, available: profileNames)
        }

        var resolved = StudySpec.read(MappingReader(root, path: "", diagnostics: diagnostics), file: file,
                                      profile: StudySpec.defaultProfile, profileNames: profileNames)
        var resolvedNode = root
        var resolvedDefaults = diagnostics.takeDefaults()
        for (name, overrides) in profiles {
            var overridden: [String: String] = [:]
            let merged = merge(root, overrides, path: "", profile: name, overridden: &overridden)
            diagnostics.overriddenPaths = overridden
            let spec = StudySpec.read(MappingReader(merged, path: "", diagnostics: diagnostics), file: file,
                                      profile: name, profileNames: profileNames)
            let defaults = diagnostics.takeDefaults()
            if name == requested {
                resolved = spec
                resolvedNode = merged
                resolvedDefaults = defaults
            }
        }
        guard diagnostics.issues.isEmpty else { throw SpecValidationError(issues: diagnostics.issues) }
        resolved.resolvedYAML = resolvedText(resolvedNode, profile: resolved.profile)
        let setPerArm = Set(resolved.settings.kindSettings.scheduleKeysSetPerArm.map { "training.schedule.\($0)" })
        let completed = resolvedDefaults.filter { !setPerArm.contains($0.path) }.reduce(resolvedNode) { node, entry in
            inserting(entry.value, at: keyPathComponents(entry.path)[...], into: node) ?? node
        }
        resolved.resolvedYAMLWithDefaults = resolvedText(completed, profile: resolved.profile, withDefaults: true)
        return resolved
    }

    private static func compose(_ yaml: String, diagnostics: SpecDiagnostics) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                diagnostics.report("the file is empty; start from one of the specs in studies/", at: "")
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                diagnostics.report("not valid YAML: \(problem)", at: "", mark: mark)
            case .duplicatedKeysInMapping(let duplicates, let context):
                diagnostics.report("the key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping; keep one",
                                   at: "", mark: context.mark)
            default:
                diagnostics.report("not valid YAML: \(error)", at: "")
            }
            return nil
        } catch {
            diagnostics.report("not valid YAML: \(error)", at: "")
            return nil
        }
    }

    /// `node` without its `profiles` section, as YAML text headed by the profile it was resolved
    /// with (and, `withDefaults`, by a note that defaults are written out).
    private static func resolvedText(_ node: Node, profile: String, withDefaults: Bool = false) -> String {
        guard case .mapping(let mapping) = node else { return "" }
        let kept = mapping.filter { $0.key.string != "profiles" }.map { ($0.key, $0.value) }
        let body = (try? Yams.serialize(node: .mapping(Node.Mapping(kept)))) ?? ""
        let note = withDefaults ? "; every key it leaves out is written with its default" : ""
        return "# Resolved with profile '\(profile)'\(note).\n" + body
    }

    /// One step of a key path as diagnostics write it: a mapping key or a list index.
    private enum KeyPathComponent {
        case key(String)
        case index(Int)
    }

    /// `training.optimizer.beta1` → key, key, key; `models[0].heads` → key, index, key.
    private static func keyPathComponents(_ path: String) -> [KeyPathComponent] {
        path.split(separator: ".").flatMap { part -> [KeyPathComponent] in
            let pieces = part.split(separator: "[")
            return [.key(String(pieces[0]))] + pieces.dropFirst().compactMap { Int($0.dropLast()).map(KeyPathComponent.index) }
        }
    }

    /// `node` with `value` at `path` unless something is there already; mappings missing on the way
    /// are created, and a mapping that gains a key is written in block style. Nil when `node` is nil
    /// and the path cannot be created (it goes through a list).
    private static func inserting(_ value: Node, at path: ArraySlice<KeyPathComponent>, into node: Node?) -> Node? {
        guard let first = path.first else { return node ?? value }
        switch (first, node) {
        case (.key(let key), nil):
            return inserting(value, at: path.dropFirst(), into: nil).map { Node([(Node(key), $0)]) }
        case (.key(let key), .mapping(let mapping)?):
            var pairs = mapping.map { ($0.key, $0.value) }
            let existing = pairs.firstIndex { $0.0.string == key }
            guard let child = inserting(value, at: path.dropFirst(), into: existing.map { pairs[$0].1 }) else { return node }
            if let existing {
                pairs[existing].1 = child
            } else {
                pairs.append((Node(key), child))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, existing == nil ? .block : mapping.style, mapping.mark))
        case (.index(let index), .sequence(let sequence)?) where index < sequence.count:
            var items = Array(sequence)
            guard let child = inserting(value, at: path.dropFirst(), into: items[index]) else { return node }
            items[index] = child
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
        default:
            return node
        }
    }

    /// The `profiles` mapping: name → overrides mapping, in file order.
    private static func readProfiles(_ node: Node?, diagnostics: SpecDiagnostics) -> [(name: String, overrides: Node)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            diagnostics.report("found \(MappingReader.describe(node)), expected a mapping of profile names to overrides (e.g. quick: {training: {batch_size: 8}})",
                               at: "profiles", mark: node.mark)
            return []
        }
        var profiles: [(name: String, overrides: Node)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            switch value {
            case .mapping:
                profiles.append((name, value))
            case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null":
                profiles.append((name, .mapping(Node.Mapping([], .implicit, .any, value.mark))))
            default:
                diagnostics.report("found \(MappingReader.describe(value)), expected a mapping of keys to override",
                                   at: "profiles.\(name)", mark: value.mark)
            }
        }
        return profiles
    }

    /// `base` with `overrides` laid over it: mappings merge key by key, anything else is replaced.
    /// Records each replaced key path in `overridden`.
    private static func merge(_ base: Node, _ overrides: Node, path: String, profile: String,
                              overridden: inout [String: String]) -> Node {
        guard case .mapping(let baseMapping) = base, case .mapping(let overrideMapping) = overrides else {
            overridden[path] = profile
            return overrides
        }
        var pairs: [(Node, Node)] = baseMapping.map { ($0.key, $0.value) }
        for (key, value) in overrideMapping {
            let keyPath = path.isEmpty ? (key.string ?? "") : "\(path).\(key.string ?? "")"
            if path.isEmpty, key.string == "profiles" { continue }
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                pairs[index].1 = merge(pairs[index].1, value, path: keyPath, profile: profile, overridden: &overridden)
            } else {
                pairs.append((key, value))
                overridden[keyPath] = profile
            }
        }
        return .mapping(Node.Mapping(pairs, baseMapping.tag, baseMapping.style, baseMapping.mark))
    }
}
