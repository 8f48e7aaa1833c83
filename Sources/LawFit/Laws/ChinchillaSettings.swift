// How the Chinchilla Approach 3 fit searches its starts and refines the best ones.

/// How the Chinchilla fit searches and refines.
public struct ChinchillaSettings: Sendable {
    /// The Huber loss on log residuals (δ = 1e-3 by default, as Hoffmann et al. and Epoch).
    public var huber: HuberLoss
    /// The starting points.
    public var startGrid: ChinchillaStartGrid
    /// BFGS from each start: a loose relative gradient test and a short iteration cap, enough to
    /// rank the starts; the best end points are then refined tightly.
    public var searchBFGS: BFGSSettings
    /// How many of the best search end points get the tight, confirmed refit (the lowest wins).
    public var refinedStarts: Int
    /// The tight refit of the best start (and of every bootstrap resample), confirmed by Nelder–Mead.
    public var refinement: ConfirmationSettings
    /// Threads for the start search; the result does not depend on it.
    public var threadCount: Int
    /// A term (E, A/N^α or B/D^β) whose share of every fitted loss is below this has left the
    /// fit: the objective no longer depends on it, so its coefficient is reported at its lower
    /// bound 0 instead of as a measurement. 1e-6 is a thousand times below the Huber δ on log
    /// residuals and far below any loss noise, so a term this small is indistinguishable from none.
    public var negligibleTermShare: Double

    public init(huber: HuberLoss, startGrid: ChinchillaStartGrid = .epoch,
                searchBFGS: BFGSSettings = BFGSSettings(stoppingRule: .relativeToStartingGradient(1e-3),
                                                        maximumIterations: 100),
                refinedStarts: Int = 8,
                refinement: ConfirmationSettings = ConfirmationSettings(),
                threadCount: Int = ThreadCount.available,
                negligibleTermShare: Double = 1e-6) {
        self.huber = huber
        self.startGrid = startGrid
        self.searchBFGS = searchBFGS
        self.refinedStarts = refinedStarts
        self.refinement = refinement
        self.threadCount = threadCount
        self.negligibleTermShare = negligibleTermShare
    }
}
