// The output folder's lock: an advisory flock(2) on `output/tinyscale.lock`, held by one
// `tinyscale run` for its whole life (training and report), so two processes never train the same
// run or write the same store, checkpoint or report at once. The kernel drops the lock when its
// process ends however it ends, so a killed run never leaves the folder locked; the file itself
// stays and names the last holder (PID, command, start time) for the messages of those who wait.
import Foundation

/// The process that holds (or last held) an output folder's lock, as its lock file says.
public struct OutputLockHolder: Sendable, Equatable, CustomStringConvertible {
    /// Nil when the file could not be read in the instant between the holder taking the lock and
    /// writing its name.
    public var processIdentifier: Int32?
    /// The holder's command line, e.g. `tinyscale run studies/scaling-law.yaml`.
    public var command: String
    /// When it took the lock (ISO 8601, UTC).
    public var since: String

    /// E.g. `PID 4242 (tinyscale run studies/x.yaml, since 2026-12-01T10:00:00Z)`.
    public var description: String {
        guard let processIdentifier else { return "another tinyscale process" }
        let details = [command, since.isEmpty ? "" : "since \(since)"].filter { !$0.isEmpty }.joined(separator: ", ")
        return "PID \(processIdentifier)" + (details.isEmpty ? "" : " (\(details))")
    }
}

/// The output folder is locked by another process and the caller chose not to wait.
public struct OutputLockBusyError: Error, CustomStringConvertible {
    public var folder: String
    public var holder: OutputLockHolder?

    public var description: String {
        "\(folder) is in use by \(holder?.description ?? "another tinyscale process"); run again when it finishes, or use another --output"
    }
}

/// A held lock on an output folder; released when the value is released or the process ends.
public final class OutputLock: Sendable {
    /// The lock file's name inside the output folder.
    public static let fileName = "tinyscale.lock"

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock of `folder` (created if missing) for this process, recording `command` as the
    /// holder. When another process holds it: with `wait`, calls `onWait` with the holder (again
    /// whenever the holder changes) and polls every 0.1 s until the lock is free or `cancellation`
    /// is set (then returns nil); without `wait`, throws `OutputLockBusyError`.
    /// - Throws: `OutputLockBusyError`, or `CocoaError`/`POSIXError` when the folder or file cannot be created.
    public static func acquire(_ folder: URL, command: String, wait: Bool, cancellation: CancellationFlag,
                               onWait: (OutputLockHolder?) -> Void) throws -> OutputLock? {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var busyPolls = 0
        var announced: OutputLockHolder??
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = POSIXErrorCode(rawValue: errno) ?? .EIO
                close(descriptor)
                throw POSIXError(code)
            }
            busyPolls += 1
            // A `list` or `report` probing the lock holds it for microseconds: let a few polls
            // pass before calling the folder busy.
            if busyPolls >= 3 {
                let holder = Self.recordedHolder(path)
                guard wait else {
                    close(descriptor)
                    throw OutputLockBusyError(folder: folder.path, holder: holder)
                }
                if announced != .some(holder) {
                    onWait(holder)
                    announced = .some(holder)
                }
            }
            if cancellation.isCancelled {
                close(descriptor)
                return nil
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let record = "\(getpid())\n\(command)\n\(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = record.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return OutputLock(descriptor: descriptor)
    }

    /// The process holding the lock of `folder` now, or nil when none does (no lock file, or its
    /// last holder has ended). Probes with a shared lock taken and dropped at once.
    public static func holder(of folder: URL) -> OutputLockHolder? {
        let path = folder.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return recordedHolder(path) ?? OutputLockHolder(processIdentifier: nil, command: "", since: "")
    }

    /// The holder named in the lock file at `path`.
    private static func recordedHolder(_ path: String) -> OutputLockHolder? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, let pid = Int32(first) else { return nil }
        return OutputLockHolder(processIdentifier: pid, command: lines.count > 1 ? lines[1] : "",
                                since: lines.count > 2 ? lines[2] : "")
    }
}
