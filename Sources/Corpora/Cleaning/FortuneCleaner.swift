// Turns the bytes of one fortune database file into cleaned entries: strict UTF-8 (or explicit
// conversion), control characters removed, split on lines holding only `%`, optional IRC-log
// clean-up, surrounding blank lines and trailing spaces trimmed, empty entries dropped.

/// Options for cleaning fortune files.
public struct FortuneCleaning: Sendable, Hashable {
    /// What to do with a file that is not valid UTF-8.
    public var nonUTF8Policy: NonUTF8Policy
    /// Remove IRC-log noise: line-leading timestamps (`20:00 `, `[12:34:56] `) and nick mode
    /// prefixes (`<@nick>` → `<nick>`). On for Polish, whose collection is largely IRC logs.
    public var removesIRCLogNoise: Bool

    public init(nonUTF8Policy: NonUTF8Policy = .reject, removesIRCLogNoise: Bool = false) {
        self.nonUTF8Policy = nonUTF8Policy
        self.removesIRCLogNoise = removesIRCLogNoise
    }
}

/// Cleans fortune database files.
public enum FortuneCleaner {
    /// Version of the cleaning rules; part of every cache key, so changing a rule invalidates caches.
    public static let version = 1

    /// The cleaned entries of one file's `bytes`, in file order. `file` names the file in errors.
    public static func entries(of bytes: [UInt8], file: String, options: FortuneCleaning) throws -> [[UInt8]] {
        var text = bytes
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            switch options.nonUTF8Policy {
            case .reject: throw CorpusError.invalidUTF8(file: file, byteOffset: offset)
            case .convertFromLatin1: text = UTF8Validation.convertFromLatin1(bytes)
            }
        }
        let cleaned = ControlCharacterFilter.clean(text)
        var entries: [[UInt8]] = []
        var lines: [ArraySlice<UInt8>] = []
        for line in cleaned.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if isSeparator(line) {
                appendEntry(lines, to: &entries, options: options)
                lines.removeAll(keepingCapacity: true)
            } else {
                lines.append(line)
            }
        }
        appendEntry(lines, to: &entries, options: options)
        return entries
    }

    /// A line holding only `%` (trailing spaces or tabs allowed).
    private static func isSeparator(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.first == UInt8(ascii: "%") else { return false }
        return line.dropFirst().allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private static func appendEntry(_ lines: [ArraySlice<UInt8>], to entries: inout [[UInt8]],
                                    options: FortuneCleaning) {
        var trimmed = lines.map { line -> ArraySlice<UInt8> in
            let cleaned = options.removesIRCLogNoise ? IRCLogNoise.clean(line) : line
            return trimTrailingSpaces(cleaned)
        }
        while let first = trimmed.first, first.isEmpty { trimmed.removeFirst() }
        while let last = trimmed.last, last.isEmpty { trimmed.removeLast() }
        guard !trimmed.isEmpty else { return }
        var entry: [UInt8] = []
        for (index, line) in trimmed.enumerated() {
            if index > 0 { entry.append(0x0A) }
            entry.append(contentsOf: line)
        }
        entries.append(entry)
    }

    private static func trimTrailingSpaces(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        return line[line.startIndex..<end]
    }
}

/// IRC-log clean-up for one line.
enum IRCLogNoise {
    /// `line` without a leading timestamp (`H:MM`, `HH:MM:SS`, optionally in brackets, then a space)
    /// and with `<@nick>`, `<+nick>`, `<%nick>` rewritten to `<nick>`.
    static func clean(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = line
        if let afterStamp = endOfTimestamp(rest) {
            rest = rest[afterStamp...]
        }
        if rest.count > 2, rest.first == UInt8(ascii: "<"),
           [UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "%")].contains(rest[rest.startIndex + 1]),
           rest.contains(UInt8(ascii: ">")) {
            var rewritten = [UInt8(ascii: "<")]
            rewritten.append(contentsOf: rest.dropFirst(2))
            return rewritten[...]
        }
        return rest
    }

    /// The index just past `[HH:MM(:SS)] ` or `HH:MM(:SS) ` at the start of `line`, if present.
    private static func endOfTimestamp(_ line: ArraySlice<UInt8>) -> Int? {
        var index = line.startIndex
        let end = line.endIndex
        let bracketed = index < end && line[index] == UInt8(ascii: "[")
        if bracketed { index += 1 }
        guard let afterHours = digits(line, from: index, minimum: 1, maximum: 2) else { return nil }
        index = afterHours
        var groups = 0
        while index < end, line[index] == UInt8(ascii: ":"),
              let afterGroup = digits(line, from: index + 1, minimum: 2, maximum: 2) {
            index = afterGroup
            groups += 1
        }
        guard (1...2).contains(groups) else { return nil }
        if bracketed {
            guard index < end, line[index] == UInt8(ascii: "]") else { return nil }
            index += 1
        }
        guard index < end, line[index] == 0x20 else { return nil }
        return index + 1
    }

    private static func digits(_ line: ArraySlice<UInt8>, from start: Int, minimum: Int, maximum: Int) -> Int? {
        var index = start
        while index < line.endIndex, index - start < maximum, (0x30...0x39).contains(line[index]) { index += 1 }
        return index - start >= minimum ? index : nil
    }
}
