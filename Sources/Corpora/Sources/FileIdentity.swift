// What a `file:` path names, checked without reading it (missing, a folder, a device, unreadable),
// and the SHA-256 of its bytes, remembered per process by path, size, modification time and inode
// so that a large file is hashed once however often the spec, the plan and training ask for it.
import Digests
import Foundation
import Synchronization

/// Facts about a path from stat(2): enough to tell whether its bytes may have changed.
public struct FileFacts: Sendable, Hashable {
    /// What the path names.
    public enum Kind: String, Sendable {
        case regularFile = "a regular file"
        case directory = "a folder"
        case characterDevice = "a character device"
        case blockDevice = "a block device"
        case fifo = "a named pipe"
        case socket = "a socket"
        case symbolicLink = "a symbolic link"
        case other = "not a regular file"
    }

    public var kind: Kind
    /// Size in bytes.
    public var size: Int
    /// Last modification, nanoseconds since 1970.
    public var modificationNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64

    /// The facts of `path` (symbolic links followed), or nil when nothing is there.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & mode_t(S_IFMT)
        kind = switch type {
        case mode_t(S_IFREG): .regularFile
        case mode_t(S_IFDIR): .directory
        case mode_t(S_IFCHR): .characterDevice
        case mode_t(S_IFBLK): .blockDevice
        case mode_t(S_IFIFO): .fifo
        case mode_t(S_IFSOCK): .socket
        case mode_t(S_IFLNK): .symbolicLink
        default: .other
        }
        size = Int(info.st_size)
        modificationNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }
}

/// Why a path cannot be a `file:` corpus.
public enum FileSourceProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    /// A folder, a device, a pipe or a socket.
    case notRegularFile(path: String, kind: FileFacts.Kind)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            return "no file at \(path)"
        case let .notRegularFile(path, kind):
            return "\(path) is \(kind.rawValue), not a regular file"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        }
    }
}

extension FileSource {
    /// Checks that `path` names a regular file this process can open for reading, without reading
    /// it; nil when it does. A folder is refused too: a study corpus is one file, so its digest is
    /// the digest of its bytes.
    public static func problem(withPath path: String) -> FileSourceProblem? {
        guard let facts = FileFacts(path: path) else {
            if errno == EACCES { return .unreadable(path: path, reason: "permission denied on a folder of its path") }
            return .notFound(path: path)
        }
        guard facts.kind == .regularFile else { return .notRegularFile(path: path, kind: facts.kind) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        close(descriptor)
        return nil
    }
}

/// SHA-256 digests of files, remembered for the life of the process.
///
/// A digest is reused while the file's size, modification time (to the nanosecond), inode and
/// device are unchanged, so editing, replacing or touching the file hashes it again. The table is
/// not kept on disk: every command that needs a digest (`validate`, `run`, `report`) also reads the
/// file's text in the same process (to check its split, to train, to describe it), and that read
/// records the digest here, so the bytes are read once per process either way.
public enum FileDigest {
    private struct Entry: Sendable {
        var facts: FileFacts
        var digest: String
    }

    private static let known = Mutex<[String: Entry]>([:])

    /// The SHA-256 of the file at `path` as 64 hex digits: remembered, or read in 1 MiB pieces.
    /// - Throws: `CorpusError.unreadable` when the file cannot be read.
    public static func sha256(ofFileAt path: String) throws -> String {
        guard let before = FileFacts(path: path) else {
            throw CorpusError.unreadable(path: path, reason: "no such file")
        }
        if let entry = known.withLock({ $0[path] }), entry.facts == before { return entry.digest }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CorpusError.unreadable(path: path, reason: "cannot open it for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let piece: Data
            do {
                piece = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw CorpusError.unreadable(path: path, reason: "\(error.localizedDescription)")
            }
            if piece.isEmpty { break }
            hasher.update(piece)
        }
        let digest = SHA256.hex(hasher.finalize())
        remember(digest, path: path, facts: before)
        return digest
    }

    /// Records the digest of bytes read from `path` while it had `facts` (taken before reading); a
    /// file that changed while it was read is not remembered.
    static func remember(_ digest: String, path: String, facts: FileFacts) {
        guard FileFacts(path: path) == facts else { return }
        known.withLock { $0[path] = Entry(facts: facts, digest: digest) }
    }
}
