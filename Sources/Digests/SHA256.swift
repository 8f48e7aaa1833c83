// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto: the content digest of `file:` corpora and the
// identity of every run (`RunConfig.hash`), so the two can never disagree about what a digest is.
import CCrypto

/// An incremental SHA-256: `update` with the bytes in any number of pieces, then `finalize`.
public struct SHA256: ~Copyable {
    /// libcrypto's digest context (an `EVP_MD_CTX`), owned by this value.
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest context") }
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "libcrypto could not start a SHA-256 digest")
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Appends `bytes` to the message.
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let context = self.context
        let hashed = bytes.withContiguousStorageIfAvailable { buffer in
            EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
        let status = hashed ?? Array(bytes).withUnsafeBufferPointer { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        precondition(status == 1, "libcrypto could not update a SHA-256 digest")
    }

    /// The 32-byte digest of everything appended.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32,
                     "libcrypto could not finish a SHA-256 digest")
        return digest
    }

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hex(hasher.finalize())
    }

    /// `digest` as lowercase hex digits.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
