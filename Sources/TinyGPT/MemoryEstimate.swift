// How much memory a model needs before any of it is allocated, and how much the machine has, so
// an impossible or too-large model is refused up front with the numbers instead of crashing.

import Foundation

/// The bytes a model needs, by buffer, computed in floating point so that no size overflows.
///
/// Counts follow the buffers `GPTModel`, `AdamW` and checkpoint loading allocate: Float32
/// parameters and gradients (always), the activations of one (B, T) batch (closed form of
/// `ActivationLayout`), the two AdamW moments when training, and one more parameter-sized copy for
/// the tensors a checkpoint is read into or exported to.
public struct MemoryEstimate: Sendable, Equatable, CustomStringConvertible {
    /// Parameters N, as a Double (a hostile config may describe more than `Int.max`).
    public var parameterCount: Double
    /// Bytes of parameters, gradients and the checkpoint copy (3 × 4N).
    public var parameterBytes: Double
    /// Bytes of the activation buffer for one batch of B sequences of T tokens.
    public var activationBytes: Double
    /// Bytes of AdamW's two moments (2 × 4N); 0 when not training.
    public var optimizerBytes: Double

    /// All the bytes above.
    public var totalBytes: Double { parameterBytes + activationBytes + optimizerBytes }

    public var description: String {
        "about \(Self.format(totalBytes)) (\(Self.formatCount(parameterCount)) parameters: "
            + "\(Self.format(parameterBytes)) for weights, gradients and a checkpoint copy, "
            + (optimizerBytes > 0 ? "\(Self.format(optimizerBytes)) AdamW state, " : "")
            + "\(Self.format(activationBytes)) activations)"
    }

    /// A byte count as `12.3 GB` (decimal units).
    public static func format(_ bytes: Double) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) bytes" }
        if value >= 1e6 { return String(format: "%.3g %@", value, units[unit]) }
        return String(format: "%.1f %@", value, units[unit])
    }

    static func formatCount(_ count: Double) -> String {
        count < 1e15 ? "\(Int(count))" : String(format: "%.3g", count)
    }
}

extension ModelConfig {
    /// Parameters N in floating point: `parameterCount` without the risk of overflow.
    public var parameterCountEstimate: Double {
        let (l, c, v, t) = (Double(layers), Double(width), Double(vocabSize), Double(contextLength))
        return v * c + t * c + l * (12 * c * c + 13 * c) + 2 * c
    }

    /// The Float values of the activation buffer for a (B, T) batch:
    /// 20·N·C + 3·N + N·V + L·(16·N·C + 4·N + B·NH·T²), with N = B·T rows.
    public func activationCountEstimate(batchSize: Int, sequenceLength: Int) -> Double {
        let (b, t, c, v, l, h) = (Double(batchSize), Double(sequenceLength), Double(width), Double(vocabSize),
                                  Double(layers), Double(heads))
        let n = b * t
        return 20 * n * c + 3 * n + n * v + l * (16 * n * c + 4 * n + b * h * t * t)
    }

    /// The memory a model of this shape needs for batches of `batchSize` × `sequenceLength` tokens,
    /// with AdamW's state when `training`.
    public func memoryEstimate(batchSize: Int, sequenceLength: Int, training: Bool) -> MemoryEstimate {
        let parameters = parameterCountEstimate
        let floatBytes = Double(MemoryLayout<Float>.size)
        return MemoryEstimate(parameterCount: parameters,
                              parameterBytes: 3 * floatBytes * parameters,
                              activationBytes: floatBytes * activationCountEstimate(batchSize: batchSize, sequenceLength: sequenceLength),
                              optimizerBytes: training ? 2 * floatBytes * parameters : 0)
    }

    /// Throws ``ModelConfigError/doesNotFitInMemory(config:estimate:availableBytes:)`` when the estimate
    /// exceeds `availableBytes` (default: ``MachineMemory/availableBytes``).
    public func checkFitsInMemory(batchSize: Int, sequenceLength: Int, training: Bool,
                                  availableBytes: Double = MachineMemory.availableBytes) throws(ModelConfigError) {
        let estimate = memoryEstimate(batchSize: batchSize, sequenceLength: sequenceLength, training: training)
        guard estimate.totalBytes <= availableBytes else {
            throw .doesNotFitInMemory(config: self, estimate: estimate, availableBytes: availableBytes)
        }
    }
}

/// The memory this process may use: the machine's physical memory, or the control group's limit
/// when that is lower (containers).
public enum MachineMemory {
    /// Bytes; `TINYSCALE_MEMORY_LIMIT` (bytes) overrides, for tests and for sharing a machine.
    public static var availableBytes: Double {
        if let override = ProcessInfo.processInfo.environment["TINYSCALE_MEMORY_LIMIT"], let bytes = Double(override), bytes > 0 {
            return bytes
        }
        var bytes = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
                bytes = min(bytes, limit)
            }
        }
        return bytes
    }
}
