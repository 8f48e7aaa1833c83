// Starting the Slurm commands (`sbatch`, `squeue`, `scancel`) behind a small protocol, so the
// coordinator's submit and poll logic can be tested with a fake cluster.
import Foundation
import Synchronization

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    public var output: String
    public var errorOutput: String

    public init(status: Int32, output: String, errorOutput: String) {
        self.status = status
        self.output = output
        self.errorOutput = errorOutput
    }
}

/// Runs a named command and waits for it.
public protocol CommandRunning: Sendable {
    /// Runs `command` (a name looked up on PATH) with `arguments`.
    /// - Throws: `SlurmError.commandNotFound` when `command` is not on PATH.
    func run(_ command: String, arguments: [String]) throws -> CommandResult
}

/// Runs commands as child processes of this one.
public struct ProcessCommandRunner: CommandRunning {
    public init() {}

    public func run(_ command: String, arguments: [String]) throws -> CommandResult {
        guard let executable = Self.find(command) else { throw SlurmError.commandNotFound(command) }
        let process = Process(), output = Pipe(), errorOutput = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errorOutput
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to their ends before waiting, so a full pipe cannot block the child.
        let errorData = Mutex(Data())
        let errorHandle = errorOutput.fileHandleForReading
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) {
            let data = errorHandle.readDataToEndOfFile()
            errorData.withLock { $0 = data }
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        readers.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                             errorOutput: errorData.withLock { String(decoding: $0, as: UTF8.self) })
    }

    /// The absolute path of `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
