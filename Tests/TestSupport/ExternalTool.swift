// Runs command-line tools (pdfinfo, pdftotext, chromium, fc-list) from the tests of several
// targets and captures their output: the one place that starts a process for a test.

import Foundation

public enum ExternalTool {
    /// The absolute path of `name` on PATH, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, killed after `timeLimit` seconds (through coreutils'
    /// `timeout`, exit status 124); returns its exit status and standard output.
    public static func run(_ executable: String, _ arguments: [String],
                    timeLimit: Int = 120) throws -> (status: Int32, output: String) {
        let process = Process()
        if let timeout = find("timeout") {
            process.executableURL = URL(fileURLWithPath: timeout)
            process.arguments = [String(timeLimit), executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
