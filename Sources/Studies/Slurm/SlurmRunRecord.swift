// What a worker hands back through the shared folder instead of the store: a run's outcome,
// summary and every measurement. A complete or diverged run's record is its result file; an
// interrupted task's record (its partial file) lets the next task resume the run exactly.
import Foundation
import TinyGPT

/// A run's measurements and how it ended, as JSON.
public struct SlurmRunRecord: Codable, Sendable, Equatable {
    public var hash: String
    /// Set when the run is complete.
    public var summary: RunSummary?
    /// Why the run diverged, when it did.
    public var divergence: String?
    public var metrics: [MetricPoint]
    public var trainingLog: [TrainingLogPoint]

    public init(hash: String, outcome: RunOutcome, metrics: [MetricPoint], trainingLog: [TrainingLogPoint]) {
        self.hash = hash
        switch outcome {
        case .complete(let summary): self.summary = summary
        case .diverged(let message): divergence = message
        case .interrupted: break
        }
        self.metrics = metrics
        self.trainingLog = trainingLog
    }

    /// Complete, diverged, or (a partial record) interrupted.
    public var outcome: RunOutcome {
        if let summary { return .complete(summary) }
        if let divergence { return .diverged(divergence) }
        return .interrupted
    }

    /// A diverged run's losses may be NaN or infinite: written as strings, as the store's fits are.
    private static let nonFiniteEncoding = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    private static let nonFiniteDecoding = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// Writes the record to `file` atomically (a reader sees no file or the whole record).
    public func write(to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFiniteEncoding
        try AtomicFileWriter.write(try encoder.encode(self), to: file)
    }

    /// The record at `file`, or nil when there is none.
    /// - Throws: `SlurmRecordError` when the file exists but is not a record.
    public static func read(_ file: URL) throws -> SlurmRunRecord? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFiniteDecoding
        do {
            return try decoder.decode(SlurmRunRecord.self, from: data)
        } catch {
            throw SlurmRecordError(path: file.path, reason: "\(error)")
        }
    }
}

/// A result file that cannot be read.
public struct SlurmRecordError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var reason: String

    public var description: String {
        "\(path): not a TinyScale result file (\(reason)); delete it and run `tinyscale run --executor slurm` again to train the run again"
    }
}
