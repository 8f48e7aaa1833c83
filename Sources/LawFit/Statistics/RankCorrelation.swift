// Spearman's rank correlation: Pearson's correlation of the ranks, ties given their average rank.

/// Spearman's ρ of paired samples `x` and `y` (same length), in [−1, 1]; nil with fewer than two
/// pairs, different lengths, or when either sample is constant (ρ is undefined).
public func spearmanCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2 else { return nil }
    let rankX = averageRanks(x)
    let rankY = averageRanks(y)
    let meanX = rankX.reduce(0, +) / Double(rankX.count)
    let meanY = rankY.reduce(0, +) / Double(rankY.count)
    var covariance = 0.0
    var varianceX = 0.0
    var varianceY = 0.0
    for (a, b) in zip(rankX, rankY) {
        covariance += (a - meanX) * (b - meanY)
        varianceX += (a - meanX) * (a - meanX)
        varianceY += (b - meanY) * (b - meanY)
    }
    guard varianceX > 0, varianceY > 0 else { return nil }
    return covariance / (varianceX * varianceY).squareRoot()
}

/// Ranks 1…n of `values`; tied values share the mean of the ranks they span.
public func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
        let rank = Double(start + end) / 2 + 1
        for position in start...end { ranks[order[position]] = rank }
        start = end + 1
    }
    return ranks
}
