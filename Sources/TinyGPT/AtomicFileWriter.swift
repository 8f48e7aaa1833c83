// Crash-safe file writes: bytes go to a temporary file in the destination's directory, are flushed
// to disk, and only then renamed over the destination, so readers see the old file or the new one.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files atomically with POSIX `rename`.
///
/// The temporary file is named `.<name>.tmp-<random>` in the destination's directory (a rename is
/// only atomic within one file system). A crash at any moment leaves either the previous file or
/// the complete new one at the destination, plus possibly a stray temporary file that no reader
/// looks at.
public enum AtomicFileWriter {
    /// Writes `data` to `destination`, replacing any existing file, and flushes it and its directory
    /// entry to disk.
    ///
    /// - Throws: ``FileWriteError`` naming the path and the system's reason.
    public static func write(_ data: Data, to destination: URL) throws(FileWriteError) {
        let directory = destination.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(temporaryName(for: destination.lastPathComponent))
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotCreate(path: temporary.path, reason: systemReason())
        }
        do throws(FileWriteError) {
            try writeAll(data, to: descriptor, path: temporary.path)
            guard fsync(descriptor) == 0 else {
                throw FileWriteError.cannotWrite(path: temporary.path, reason: systemReason())
            }
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        guard close(descriptor) == 0 else {
            let reason = systemReason()
            unlink(temporary.path)
            throw .cannotWrite(path: temporary.path, reason: reason)
        }
        guard systemRename(temporary.path, destination.path) == 0 else {
            let reason = systemReason()
            unlink(temporary.path)
            throw .cannotRename(from: temporary.path, to: destination.path, reason: reason)
        }
        try synchronizeDirectory(directory)
    }

    /// Renames `source` to `destination` (both in one file system) and flushes the directory entry.
    ///
    /// - Throws: ``FileWriteError/cannotRename(from:to:reason:)``.
    public static func rename(_ source: URL, to destination: URL) throws(FileWriteError) {
        guard systemRename(source.path, destination.path) == 0 else {
            throw .cannotRename(from: source.path, to: destination.path, reason: systemReason())
        }
        try synchronizeDirectory(destination.deletingLastPathComponent())
    }

    /// Flushes a directory's entries (creations, renames) to disk.
    ///
    /// - Throws: ``FileWriteError/cannotWrite(path:reason:)`` when the directory cannot be opened or
    ///   flushed.
    public static func synchronizeDirectory(_ directory: URL) throws(FileWriteError) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: directory.path, reason: systemReason())
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw .cannotWrite(path: directory.path, reason: systemReason())
        }
    }

    /// A fresh temporary name for a file to be renamed to `name`: `.<name>.tmp-<random hex>`.
    static func temporaryName(for name: String) -> String {
        "." + name + ".tmp-" + String(UInt64.random(in: .min ... .max), radix: 16)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(FileWriteError) {
        let failure: String? = data.withUnsafeBytes { bytes -> String? in
            var written = 0
            while written < bytes.count {
                let result = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return systemReason()
                }
                written += result
            }
            return nil
        }
        if let failure {
            throw .cannotWrite(path: path, reason: failure)
        }
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

/// POSIX `rename(2)`, named apart from ``AtomicFileWriter/rename(_:to:)``, which would shadow it.
private func systemRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}

/// POSIX `write(2)`, named apart from ``AtomicFileWriter/write(_:to:)``, which would shadow it.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Why a file could not be written or renamed.
public enum FileWriteError: Error, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason); check that the directory exists and is writable"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason); check free disk space and permissions"
        case .cannotRename(let from, let to, let reason):
            return "cannot rename \(from) to \(to): \(reason); check that both are in the same writable directory"
        }
    }
}
