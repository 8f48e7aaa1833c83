// Strict UTF-8 checking with the offset of the first bad byte, and the Latin-1 conversion used when a
// caller chooses to convert rather than reject a legacy file.

/// What to do with a file that is not valid UTF-8.
public enum NonUTF8Policy: String, Sendable, Hashable, Codable {
    /// Throw `CorpusError.invalidUTF8` naming the file and the offset of the first bad byte.
    case reject
    /// Read the file as ISO-8859-1 (every byte is one code point) and convert it to UTF-8.
    case convertFromLatin1
}

enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
    /// (overlong forms, surrogates and code points above U+10FFFF are errors), or nil if all are valid.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// `bytes` read as ISO-8859-1 and re-encoded as UTF-8.
    static func convertFromLatin1(_ bytes: [UInt8]) -> [UInt8] {
        var converted: [UInt8] = []
        converted.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                converted.append(byte)
            } else {
                converted.append(0xC0 | (byte >> 6))
                converted.append(0x80 | (byte & 0x3F))
            }
        }
        return converted
    }
}
