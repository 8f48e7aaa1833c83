// The one JSON style of the command line's `--json` outputs: sorted keys, indented, slashes as
// they are, and non-finite numbers as the strings "inf", "-inf" and "nan" (JSON has no such numbers).
import Foundation

enum JSONOutput {
    static func text<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints `value` on standard output.
    static func print<Value: Encodable>(_ value: Value) throws {
        Swift.print(try text(value))
    }
}
