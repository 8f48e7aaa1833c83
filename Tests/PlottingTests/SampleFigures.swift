// The figures the studies need (log-log loss vs N with a fit and band, a heatmap, a 2×2 grid, grouped bars),
// shared by tests.

import Foundation
import Plotting

enum SampleFigures {
    /// Model sizes from 10^4 to 10^7 parameters and losses following 1.7 + 40·N^-0.3 with a little scatter.
    static let sizes: [Double] = [1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7]
    static let losses: [Double] = zip(sizes, [1.02, 0.97, 1.03, 0.99, 1.01, 0.98, 1.0]).map { size, wiggle in
        (1.7 + 40 * pow(size, -0.3)) * wiggle
    }

    static func lossVersusParameters() -> Figure {
        var panel = Panel(x: Axis("Non-embedding parameters N", scale: .log10),
                          y: Axis("Validation loss", unit: "nats/byte", scale: .log10))
        panel.add(Series("Runs (mean of 3 seeds)", x: sizes, y: losses, kind: .markers,
                         errorBars: ErrorBars(lower: losses.map { $0 * 0.97 }, upper: losses.map { $0 * 1.03 })))
        let fit = Series.sampled("Fit L = E + A·N^−α", from: 5e3, to: 2e7, scale: .log10, paletteIndex: 1) {
            1.7 + 40 * pow($0, -0.3)
        }
        panel.add(Band("95 % interval", x: fit.x, lower: fit.y.map { $0 * 0.96 }, upper: fit.y.map { $0 * 1.04 },
                       paletteIndex: 1))
        panel.add(fit)
        panel.add(ReferenceLine.horizontal(1.7, label: "irreducible loss E = 1.70"))
        return Figure(title: "Loss vs model size — α = 0.30", panel: panel)
    }

    static func learningRateHeatmap() -> Figure {
        let rates = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2]
        let widths = [64.0, 128, 256, 512]
        let values = widths.map { width in
            rates.map { rate in 1.5 + 0.4 * pow(log10(rate) + 2.6 + log10(width / 128) * 0.4, 2) }
        }
        var panel = Panel(x: Axis("Peak learning rate", scale: .log10), y: Axis.categories(["64", "128", "256", "512"],
                                                                                            label: "Width d_model"))
        panel.add(Heatmap(x: rates, y: [0, 1, 2, 3], values: values, label: "Final loss", unit: "bits/byte",
                          showsValues: true))
        return Figure(title: "Learning-rate sweep", panel: panel)
    }

    static func smallMultiples() -> Figure {
        let steps = (0...200).map { Double($0) * 50 }
        let names = ["English", "Русский", "Ελληνικά", "中文"]
        let panels = names.enumerated().map { index, name -> Panel in
            var panel = Panel(title: name, x: Axis("Step"), y: Axis("Loss", unit: "bits/byte"))
            for (seriesIndex, mixture) in ["10 %", "50 %", "90 %"].enumerated() {
                let rate = 0.0004 * Double(seriesIndex + 1) * (1 + 0.2 * Double(index))
                let curve = steps.map { 1.2 + Double(index) * 0.1 + 3 * exp(-rate * $0) }
                panel.add(Band(x: steps, lower: curve.map { $0 - 0.06 }, upper: curve.map { $0 + 0.06 },
                               paletteIndex: seriesIndex))
                panel.add(Series("share \(mixture)", x: steps, y: curve, kind: .line, paletteIndex: seriesIndex))
            }
            panel.add(ReferenceLine.vertical(5000, label: "switch"))
            return panel
        }
        return Figure(title: "Loss by language (shared axes)", panels: panels, columns: 2, sharesX: true,
                      sharesY: true)
    }

    /// Eight series, one per palette entry, to check that colours, markers and dashes stay distinct.
    static func palette() -> Figure {
        let xs = (0...8).map(Double.init)
        var panel = Panel(x: Axis("Epoch"), y: Axis("Offset loss", unit: "nats"))
        for index in 0..<8 {
            panel.add(Series("palette \(index)", x: xs, y: xs.map { -0.3 * $0 + Double(index) }))
        }
        panel.add(Annotation("divergence →", x: 1, y: -1.5, placement: .right, marksPoint: true))
        return Figure(title: "Okabe–Ito palette with markers and dashes", panel: panel)
    }

    /// A twelve-decade log x axis against a tiny linear y range, and a negative linear range beside it.
    static func extremes() -> Figure {
        let flops = (0...24).map { pow(10, 8 + Double($0) / 2) }
        var wide = Panel(title: "Twelve decades", x: Axis("Compute", unit: "FLOPs", scale: .log10),
                         y: Axis("Loss", unit: "bits/byte"))
        wide.add(Series("near-constant", x: flops, y: flops.indices.map { 1.0001 + 0.0002 * Double($0) / 24 },
                        kind: .line))
        var negative = Panel(title: "Negative values", x: Axis("Δ step"), y: Axis("Δ loss"))
        negative.add(Series(x: [-40, -30, -20, -10], y: [-0.8, -0.5, -0.35, -0.3], kind: .lineWithMarkers))
        negative.add(ReferenceLine.horizontal(-0.4, label: "threshold"))
        return Figure(title: "Edge cases", panels: [wide, negative], columns: 2, legend: .hidden)
    }

    /// A "Table 1" bar chart: final loss of three schedule arms (one `Bars` mark each) at two model sizes
    /// (the categories), seed means with 95 % intervals, on a baseline of 1.0 bits/byte so differences of a
    /// few hundredths show, under a threshold line.
    static func groupedBars() -> Figure {
        var panel = Panel(x: Axis.categories(["3 M parameters", "12 M parameters"], label: "Model size"),
                          y: Axis("Final validation loss", unit: "bits/byte"))
        let arms: [(String, [Double], [Double])] = [
            ("WSD + uniform", [1.262, 1.148], [0.011, 0.009]),
            ("WSD + ascending", [1.231, 1.122], [0.008, 0.012]),
            ("constant + EMA + ascending", [1.244, 1.129], [0.014, 0.007]),
        ]
        for (arm, losses, halfWidths) in arms {
            panel.add(Bars(arm, values: losses,
                           errorBars: ErrorBars(lower: zip(losses, halfWidths).map { $0 - $1 },
                                                upper: zip(losses, halfWidths).map { $0 + $1 }),
                           baseline: 1.0))
        }
        panel.add(ReferenceLine.horizontal(1.2, label: "target 1.20"))
        return Figure(title: "Final loss by schedule and model size (3 seeds, 95 % interval)", panel: panel)
    }

    static let all: [(name: String, figure: Figure)] = [
        ("loss-vs-parameters", lossVersusParameters()),
        ("learning-rate-heatmap", learningRateHeatmap()),
        ("small-multiples", smallMultiples()),
        ("palette", palette()),
        ("extremes", extremes()),
        ("grouped-bars", groupedBars()),
    ]
}
