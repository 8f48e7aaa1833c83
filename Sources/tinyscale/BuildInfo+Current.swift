// The facts a report records about this build and machine: version, git commit, CPU, cores,
// OpenBLAS's kernel set.
import Foundation
import Studies
import TinyGPT

extension BuildInfo {
    /// This process: the tool's version, the git commit of the working folder (when it is a
    /// checkout), the CPU model, core count and OpenBLAS kernel set.
    static func current(threads: Int?) -> BuildInfo {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            cpu = name.trimmingCharacters(in: .whitespaces)
        }
        return BuildInfo(version: TinyScaleCommand.configuration.version, gitCommit: gitCommit(),
                         machine: "\(cpu), \(cores) cores, OpenBLAS kernels \(OpenBLASInfo.coreDescription), "
                            + ProcessInfo.processInfo.operatingSystemVersionString,
                         threads: threads)
    }

    private static func gitCommit() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["rev-parse", "--short=12", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
