// Runs an external program (bible, diatheke, dpkg-query) with Foundation `Process`, capturing all of
// its standard output and standard error and checking the exit status.
import Foundation

/// A finished program run.
struct ProgramOutput: Sendable {
    /// Everything written to standard output.
    var standardOutput: Data
    /// Everything written to standard error, as text.
    var standardError: String
    /// The exit status.
    var status: Int32
}

/// Runs programs found on `PATH`.
enum ExternalProgram {
    /// Runs `program` with `arguments` and returns its output. Standard error is drained on another
    /// thread so that neither pipe can fill up and block the child. Throws
    /// `CorpusError.programFailed` when the program cannot be started, or when it exits non-zero and
    /// `acceptingFailure` is false.
    static func run(_ program: String, _ arguments: [String], acceptingFailure: Bool = false) throws -> ProgramOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CorpusError.programFailed(program: program, arguments: arguments, status: -1,
                                            standardError: error.localizedDescription)
        }
        let errorCollector = ErrorCollector()
        let group = DispatchGroup()
        let errorHandle = errorPipe.fileHandleForReading
        DispatchQueue.global().async(group: group) {
            errorCollector.store(errorHandle.readDataToEndOfFile())
        }
        let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let result = ProgramOutput(standardOutput: output,
                                   standardError: String(decoding: errorCollector.data, as: UTF8.self),
                                   status: process.terminationStatus)
        if result.status != 0 && !acceptingFailure {
            throw CorpusError.programFailed(program: program, arguments: arguments, status: result.status,
                                            standardError: result.standardError.trimmingWhitespace())
        }
        return result
    }
}

/// Holds standard error bytes handed over from the draining thread.
private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()

    func store(_ data: Data) {
        lock.lock()
        stored = data
        lock.unlock()
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
