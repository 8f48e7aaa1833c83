// The multi-start grid of the Chinchilla Approach 3 fit (Hoffmann et al.; Epoch AI).

/// The grid of starting points θ = (a, b, e, α, β), every combination in that nesting order.
public struct ChinchillaStartGrid: Sendable, Equatable {
    public var a: [Double]
    public var b: [Double]
    public var e: [Double]
    public var alpha: [Double]
    public var beta: [Double]

    public init(a: [Double], b: [Double], e: [Double], alpha: [Double], beta: [Double]) {
        self.a = a
        self.b = b
        self.e = e
        self.alpha = alpha
        self.beta = beta
    }

    /// Epoch's (and Hoffmann's) grid: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
    /// a, b ∈ {0, 5, …, 25}: 6·6·5·5·5 = 4,500 starts.
    public static let epoch = ChinchillaStartGrid(
        a: [0, 5, 10, 15, 20, 25], b: [0, 5, 10, 15, 20, 25], e: [-1, -0.5, 0, 0.5, 1],
        alpha: [0, 0.5, 1, 1.5, 2], beta: [0, 0.5, 1, 1.5, 2])

    /// All starts, a outermost and β innermost.
    public var starts: [[Double]] {
        var starts: [[Double]] = []
        for a in a { for b in b { for e in e { for alpha in alpha { for beta in beta {
            starts.append([a, b, e, alpha, beta])
        } } } } }
        return starts
    }
}
