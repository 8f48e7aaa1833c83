// `tinyscale fit`: fit a scaling law to a CSV of runs and print estimates, standard errors,
// bootstrap intervals and convergence. Parsing and fitting live in LawFit; this file parses
// options and formats.
import ArgumentParser
import Benchmarks
import CSV
import Foundation
import LawFit

extension LawKind: ExpressibleByArgument {}

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scaling law to a CSV of runs, with bootstrap confidence intervals.",
        discussion: """
            Default columns per law: chinchilla params,tokens,loss; power-law and kaplan params,loss; \
            approach2 compute,params,loss; data-equivalence log10_bytes,relative_log_likelihood; \
            cmr-domain and cmr-general tokens,loss_change. \
            A study's data.csv works as it is: when those names are missing, chinchilla, kaplan, power-law and \
            approach2 read parameters,tokens,final_bpb_validation (or the subset the law needs); rows with an \
            empty cell in a column read (runs without a measurement) are skipped.
            A quantity at a bound of the law's domain (e.g. E at 0) is printed as such; more than 5 % failed \
            bootstrap resamples or a quantity at a bound is listed under "Problems".
            Exit codes: 0 fitted, 64 usage, 65 bad data (the message names the file, line and column), \
            66 missing file.
            """)

    @Option(help: "The law to fit.")
    var law: LawKind = .chinchilla

    @Option(help: "The CSV file of runs (a header row names the columns).")
    var csv: String?

    @Option(help: "Comma-separated column names in the law's order (default depends on --law).")
    var columns: String?

    @Option(help: "Bootstrap resamples for the confidence intervals (0 to skip).")
    var bootstrap: Int = 1_000

    @Option(help: "Master seed of the bootstrap.")
    var seed: UInt64 = 0

    @Option(help: "Confidence level of the bootstrap percentile intervals.")
    var level: Double = 0.95

    @Option(help: "Huber threshold δ on log residuals (chinchilla only).")
    var huberDelta: Double = 1e-3

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Flag(help: "Print the result as JSON on standard output.")
    var json = false

    @Flag(help: .hidden)
    var benchmark = false

    func validate() throws {
        if !benchmark && csv == nil { throw ValidationError("Missing --csv <file>: the CSV of runs to fit.") }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 (no bootstrap) or a positive count.") }
        if !(level > 0 && level < 1) { throw ValidationError("--level must lie strictly between 0 and 1, e.g. 0.95.") }
        if !(huberDelta > 0 && huberDelta.isFinite) { throw ValidationError("--huber-delta must be a positive number, e.g. 1e-3.") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    func run() throws {
        let threadCount = threads ?? ThreadCount.available
        if benchmark {
            let timings = try runChinchillaBenchmark(resamples: max(bootstrap, 1), seed: seed, threadCount: threadCount)
            if json {
                try JSONOutput.print(timings)
            } else {
                print(String(format: "Chinchilla benchmark: %d points, %d starts, %d threads", timings.points,
                             timings.starts, timings.threadCount))
                print(String(format: "  fit (start grid + tight refit + Nelder–Mead): %.3f s", timings.fitSeconds))
                print(String(format: "  bootstrap, %d resamples: %.3f s (%d failed to converge)", timings.resamples,
                             timings.bootstrapSeconds, timings.failedResamples))
                print(format(timings.report))
            }
            return
        }
        do {
            let table = try CSVTable(contentsOfFile: csv!)
            let bootstrapSettings = bootstrap > 0
                ? BootstrapSettings(resamples: bootstrap, seed: seed, level: level, threadCount: threadCount) : nil
            let report = try law.fit(table: table, columns: columns?.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }, huberDelta: huberDelta, bootstrap: bootstrapSettings, threadCount: threadCount)
            if json { try JSONOutput.print(report) } else { print(format(report)) }
        } catch let error as CSVError {
            if case .fileNotFound = error { throw fail(error, code: 66) }
            throw fail(error, code: 65)
        } catch let error as LawFitError {
            throw fail(error, code: 65)
        }
    }

    private func fail(_ error: CustomStringConvertible, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("tinyscale fit: \(error)\n".utf8))
        return ExitCode(code)
    }

    private func format(_ report: LawFitReport) -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "—" }
        func rows(_ quantities: [FittedQuantity]) -> [String] {
            let width = max(quantities.map(\.name.count).max() ?? 0, 4)
            return quantities.map { quantity in
                // A quantity at a bound has no meaningful standard error.
                let standardError = quantity.atBound == nil ? quantity.standardError : nil
                let method = standardError == nil ? "" : quantity.standardErrorMethod.map { " (\($0.rawValue))" } ?? ""
                var interval = quantity.interval.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "—"
                if let bound = quantity.atBound {
                    interval += "  at \(bound.side.rawValue) bound \(number(bound.limit))"
                }
                return "  " + quantity.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  " + number(quantity.estimate).padding(toLength: 13, withPad: " ", startingAt: 0)
                    + "  SE " + (number(standardError) + method).padding(toLength: 26, withPad: " ", startingAt: 0)
                    + "  \(Int((report.bootstrap?.level ?? level) * 100)) % CI " + interval
            }
        }
        var lines = ["Law: \(report.law)", "Points used: \(report.pointsUsed)", "Status: \(report.status)",
                     "Objective: \(report.objectiveName) = \(number(report.objectiveValue))"
                         + (report.degreesOfFreedom.map { ", dof = \($0)" } ?? ""),
                     "Parameters:"]
        lines += rows(report.parameters)
        if !report.derivedQuantities.isEmpty {
            lines.append("Derived quantities:")
            lines += rows(report.derivedQuantities)
        }
        if let bootstrap = report.bootstrap {
            lines.append("Bootstrap: \(bootstrap.resamples) resamples, seed \(bootstrap.seed), "
                         + "\(bootstrap.convergedResamples) converged, \(bootstrap.failedResamples) failed (no converged refit)")
            for (reason, count) in bootstrap.failureReasons.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(count) × \(reason)")
            }
            for (name, count) in bootstrap.boundHits.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(name) at a bound in \(count) of \(bootstrap.convergedResamples) converged resamples")
            }
        } else {
            lines.append("Bootstrap: not run (--bootstrap 0)")
        }
        let problems = report.problems
        lines.append("Problems:" + (problems.isEmpty ? " none" : ""))
        lines += problems.map { "  - \($0)" }
        lines.append("Notes:")
        lines += report.messages.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}
