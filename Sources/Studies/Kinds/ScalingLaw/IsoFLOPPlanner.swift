// Which model shapes an IsoFLOP budget trains: a few sizes a fixed ratio apart, centred on a pilot
// estimate of the compute-optimal size and kept inside the spec's model range, so the minimum of
// each IsoFLOP curve lies between sampled sizes (STUDIES.md, "Scaling law: making E and the
// IsoFLOP minima identifiable").
import Foundation

/// Chooses the shapes of one IsoFLOP budget from a ladder of candidate shapes.
///
/// The ladder (`init(models:compute:count:ratio:)`) holds the spec's own models and, for every
/// width that is a multiple of 8 between the narrowest and the widest of them, the shapes with the
/// depth (and heads, lowered to divide the width) of the spec model just narrower and of the one
/// just wider. So the generated shapes keep the spec's depth-for-width pattern, fill the jump where
/// the depth changes, and none is smaller than the smallest spec model or larger than the largest.
struct IsoFLOPPlanner: Sendable {
    /// Candidate shapes with their parameter counts, increasing in N.
    let ladder: [(shape: ModelShape, parameters: Double)]
    /// Sizes per budget.
    var count: Int
    /// Ratio of neighbouring target sizes.
    var ratio: Double

    init(models: [ModelShape], compute: ScalingCompute, count: Int, ratio: Double) {
        self.count = count
        self.ratio = ratio
        let byWidth = models.sorted { ($0.width, $0.layers) < ($1.width, $1.layers) }
        var shapes = models
        if let narrowest = byWidth.first?.width, let widest = byWidth.last?.width {
            for width in stride(from: (narrowest + 7) / 8 * 8, through: widest, by: 8) {
                let neighbours = [byWidth.last { $0.width <= width }, byWidth.first { $0.width >= width }].compactMap { $0 }
                for model in neighbours {
                    let heads = (1...model.heads).last { width % $0 == 0 } ?? 1
                    shapes.append(ModelShape(name: "\(model.layers)×\(width)", layers: model.layers, width: width, heads: heads))
                }
            }
        }
        var seen: Set<[Int]> = []
        let range = models.map { Double(compute.parameters($0)) }
        ladder = shapes.filter { seen.insert([$0.layers, $0.width]).inserted }
            .map { ($0, Double(compute.parameters($0))) }
            .filter { (range.min() ?? 0)...(range.max() ?? 0) ~= $0.parameters }
            .sorted { $0.parameters < $1.parameters }
    }

    /// The parameter range of the ladder (the spec's smallest to largest model).
    var parameterRange: ClosedRange<Double> {
        (ladder.first?.parameters ?? 0)...(ladder.last?.parameters ?? 0)
    }

    /// Up to `count` shapes from the ladder entries that `allowed` accepts (e.g. those whose run
    /// stays within its token limit), in increasing N. The targets are `optimum · ratio^k` for
    /// k = −(count−1)/2 … (count−1)/2; a window reaching past the allowed sizes slides back inside
    /// them (and shrinks when they span less than the window), and each target takes the nearest
    /// unused shape in ln N. Fewer than `count` shapes only when fewer are allowed.
    func shapes(around optimum: Double, allowed: (ModelShape) -> Bool = { _ in true }) -> [ModelShape] {
        let candidates = ladder.filter { allowed($0.shape) }
        guard let smallest = candidates.first?.parameters, let largest = candidates.last?.parameters, optimum > 0 else {
            return []
        }
        let span = log(ratio) * Double(count - 1)
        var low = log(optimum) - span / 2
        low = min(low, log(largest) - span)
        low = max(low, log(smallest))
        let high = min(low + span, log(largest))
        let step = count > 1 ? (high - low) / Double(count - 1) : 0
        var chosen: [Int] = []
        for index in 0..<min(count, candidates.count) {
            let target = low + step * Double(index)
            let nearest = candidates.indices.filter { !chosen.contains($0) }
                .min { abs(log(candidates[$0].parameters) - target) < abs(log(candidates[$1].parameters) - target) }
            if let nearest { chosen.append(nearest) }
        }
        return chosen.sorted().map { candidates[$0].shape }
    }
}
