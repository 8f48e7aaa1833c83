// Removes terminal and chat formatting from text bytes: ANSI escape sequences (fortunes-zh colours),
// IRC colour and style codes (fortunes-pl `argante`), backspace overstrikes (underlining in old
// English fortunes), CR line ends, and every other control character except newline and tab.

enum ControlCharacterFilter {
    private static let escape: UInt8 = 0x1B
    private static let backspace: UInt8 = 0x08
    private static let carriageReturn: UInt8 = 0x0D
    private static let newline: UInt8 = 0x0A
    private static let tab: UInt8 = 0x09
    private static let ircColour: UInt8 = 0x03
    private static let underscore: UInt8 = 0x5F

    /// Cleans valid UTF-8 `bytes`; the result is valid UTF-8 whose only control bytes are newline
    /// and tab.
    ///
    /// - CRLF becomes LF; a lone CR (old Mac line end) becomes LF.
    /// - `ESC [ params final` (CSI, e.g. `ESC[32m`) and two-byte `ESC x` sequences are removed.
    /// - `^C` plus up to two digits, optionally `,` and up to two more digits (IRC colour), is removed.
    /// - `x BS y` overstrikes keep what a printer would show: the letter, not the underscore
    ///   (`_ BS a` and `a BS _` both give `a`); otherwise the later character wins.
    /// - Other C0 controls, DEL and C1 controls (U+0080–U+009F) are dropped.
    static func clean(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var overstruck: [[UInt8]] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x7F {
                let length = scalarLength(leadByte: byte)
                let end = min(index + length, count)
                if byte == 0xC2, end == index + 2, (0x80...0x9F).contains(bytes[index + 1]) {
                    index = end
                    continue
                }
                if overstruck.isEmpty {
                    output.append(contentsOf: bytes[index..<end])
                } else {
                    let earlier = overstruck.removeFirst()
                    let later = Array(bytes[index..<end])
                    output.append(contentsOf: later == [underscore] ? earlier : later)
                }
                index = end
                continue
            }
            switch byte {
            case newline, tab:
                flush(&overstruck, into: &output)
                output.append(byte)
                index += 1
            case carriageReturn:
                flush(&overstruck, into: &output)
                output.append(newline)
                index += (index + 1 < count && bytes[index + 1] == newline) ? 2 : 1
            case escape:
                index = endOfEscapeSequence(bytes, from: index)
            case ircColour:
                index = endOfIRCColour(bytes, from: index)
            case backspace:
                if let removed = removeLastScalar(&output) {
                    overstruck.insert(removed, at: 0)
                }
                index += 1
            default:
                index += 1
            }
        }
        flush(&overstruck, into: &output)
        return output
    }

    private static func flush(_ overstruck: inout [[UInt8]], into output: inout [UInt8]) {
        for scalar in overstruck { output.append(contentsOf: scalar) }
        overstruck.removeAll()
    }

    /// Removes and returns the last scalar of `output` unless it is a newline (backspace never
    /// crosses a line).
    private static func removeLastScalar(_ output: inout [UInt8]) -> [UInt8]? {
        guard let last = output.last, last != newline else { return nil }
        var start = output.count - 1
        while start > 0 && output[start] & 0xC0 == 0x80 { start -= 1 }
        let removed = Array(output[start...])
        output.removeSubrange(start...)
        return removed
    }

    private static func scalarLength(leadByte byte: UInt8) -> Int {
        switch byte {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private static func endOfEscapeSequence(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        guard index < bytes.count else { return index }
        if bytes[index] != UInt8(ascii: "[") {
            return bytes[index] < 0x80 ? index + 1 : index
        }
        index += 1
        while index < bytes.count, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        if index < bytes.count, (0x40...0x7E).contains(bytes[index]) { index += 1 }
        return index
    }

    private static func endOfIRCColour(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        index = skipDigits(bytes, from: index, atMost: 2)
        if index < bytes.count, bytes[index] == UInt8(ascii: ","),
           index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            index = skipDigits(bytes, from: index + 1, atMost: 2)
        }
        return index
    }

    private static func skipDigits(_ bytes: [UInt8], from start: Int, atMost limit: Int) -> Int {
        var index = start
        while index < bytes.count, index - start < limit, isDigit(bytes[index]) { index += 1 }
        return index
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
