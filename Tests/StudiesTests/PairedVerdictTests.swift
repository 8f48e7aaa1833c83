// The shared verdict rule for paired per-seed differences, pinned with hand-made values: each
// outcome of the directional rule under both "other side" conventions, every reason for
// inconclusive, the equivalence (TOST) form, and an explanation and evidence that show every number.
// Interval ends quoted in comments come from SciPy (scipy.stats.t), not from the code under test.
import LawFit
import Reporting
import Studies
import Testing

/// Differences labelled with `seeds` (default 0, 1, 2, …).
private func differences(_ values: [Double], seeds: [Int]? = nil) throws -> PairedDifferences {
    let labels = seeds ?? Array(values.indices)
    return try PairedDifferences(zip(labels, values).map { SeededDifference(seed: $0, difference: $1) })
}

private let gainsAtLeastOneHundredth = PairedClaim("Ascending order lowers validation loss by ≥ 0.01 bpb",
                                                    rule: .exceeds(threshold: 0.01))
private let gainsAtAll = PairedClaim("Ascending order lowers validation loss",
                                     rule: .exceeds(threshold: 0.01, contradictedBelow: .zero))
private let barelyMatters = PairedClaim("Shuffling within a stage barely matters", rule: .equivalent(margin: 0.01))

/// 95 % t-interval [+0.0271, +0.0349], wholly above δ = 0.01.
private let clearGain = [0.031, 0.027, 0.035, 0.029, 0.033]
/// 95 % t-interval [+0.0010, +0.0050]: positive but wholly below δ = 0.01.
private let smallGain = [0.002, 0.004, 0.003, 0.001, 0.005]
/// 95 % t-interval [−0.0260, −0.0165]: wholly below 0.
private let loss = [-0.02, -0.025, -0.018, -0.022]
/// 95 % t-interval [−0.0088, +0.0308]: contains both 0 and δ = 0.01.
private let noisy = [0.02, -0.01, 0.03, 0.0, 0.015]

@Test func intervalWhollyAboveThresholdIsReproduced() throws {
    let verdict = try gainsAtLeastOneHundredth.verdict(differences(clearGain))
    #expect(verdict.outcome == .reproduced)
    #expect(verdict.claim == "Ascending order lowers validation loss by ≥ 0.01 bpb")
    #expect(try gainsAtAll.verdict(differences(clearGain)).outcome == .reproduced)
}

@Test func intervalWhollyBelowThresholdIsNotReproducedWhenTheThresholdIsTheBoundary() throws {
    let verdict = try gainsAtLeastOneHundredth.verdict(differences(smallGain))
    #expect(verdict.outcome == .notReproduced)
    #expect(verdict.explanation.contains("lies below δ = +0.0100 bpb"))
}

@Test func intervalBetweenZeroAndThresholdIsInconclusiveForASignClaim() throws {
    // The same data as above: positive but smaller than δ refutes a size claim, not a sign claim.
    let verdict = try gainsAtAll.verdict(differences(smallGain))
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.explanation.contains("neither wholly above δ = +0.0100 bpb nor wholly below 0"))
}

@Test func intervalWhollyBelowZeroIsNotReproducedUnderBothConventions() throws {
    let sign = try gainsAtAll.verdict(differences(loss))
    #expect(sign.outcome == .notReproduced)
    #expect(sign.explanation.contains("below 0: the difference has the opposite sign"))
    #expect(try gainsAtLeastOneHundredth.verdict(differences(loss)).outcome == .notReproduced)
}

@Test func intervalStraddlingTheThresholdIsInconclusive() throws {
    let verdict = try gainsAtLeastOneHundredth.verdict(differences(noisy))
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.explanation.contains("contains δ = +0.0100 bpb"))
    #expect(try gainsAtAll.verdict(differences(noisy)).outcome == .inconclusive)
}

@Test func anotherBlockerMakesAClearEffectInconclusiveInItsOwnWords() throws {
    // Five seeds with a clear gain, but two other completed seeds could not be measured.
    let five = try differences([0.5, 0.52, 0.49, 0.51, 0.5])
    #expect(try gainsAtLeastOneHundredth.verdict(five).outcome == .reproduced)
    let reason = "2 of the 7 completed seeds have no value, so the other 5 alone would give a biased mean."
    let blocked = try gainsAtLeastOneHundredth.verdict(five, otherBlockers: [reason])
    #expect(blocked.outcome == .inconclusive)
    #expect(blocked.explanation.hasSuffix(reason))
    #expect(blocked.inconclusiveBecause == [reason])
    // With too few seeds the given reason replaces the generic "only n completed".
    let two = try gainsAtLeastOneHundredth.verdict(try differences([0.5, 0.52]), otherBlockers: [reason])
    #expect(!two.explanation.contains("seeds completed") && two.inconclusiveBecause == [reason])
}

@Test func signClaimWithZeroThresholdIsReproducedByASmallButCertainGain() throws {
    let claim = PairedClaim("Ascending order helps", rule: .exceeds(threshold: 0, contradictedBelow: .zero))
    #expect(try claim.verdict(differences(smallGain)).outcome == .reproduced)
}

@Test func fewerThanThreeSeedsAreInconclusiveEvenWithAHugeEffect() throws {
    // d = [0.50, 0.52]: 95 % t-interval [0.383, 0.637], fifty times δ, but only 2 seeds.
    let twoSeeds = try differences([0.5, 0.52])
    let verdict = try gainsAtLeastOneHundredth.verdict(twoSeeds)
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.explanation.contains("Only 2 of the required 3 seeds completed"))
    // The seed count alone blocks the call: with a minimum of 2 the same numbers reproduce.
    let relaxed = try gainsAtLeastOneHundredth.verdict(twoSeeds, settings: PairedVerdictSettings(minimumSeeds: 2))
    #expect(relaxed.outcome == .reproduced)
}

@Test func oneOrNoSeedsAreInconclusiveWithoutAnInterval() throws {
    let one = try gainsAtLeastOneHundredth.verdict(differences([0.9]), settings: PairedVerdictSettings(minimumSeeds: 1))
    #expect(one.outcome == .inconclusive)
    #expect(one.explanation.contains("no interval"))
    let none = try gainsAtLeastOneHundredth.verdict(differences([]))
    #expect(none.outcome == .inconclusive)
    #expect(none.explanation.contains("No seed completed"))
    #expect(!none.explanation.contains("nan") && !none.explanation.contains("NaN"))
}

@Test func failedSanityCheckMakesAClearEffectInconclusiveAndIsNamed() throws {
    let verdict = try gainsAtLeastOneHundredth.verdict(
        differences(clearGain), failedSanityChecks: ["arms saw the same documents", "loss finite at every step"])
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.explanation.contains("Sanity checks failed: arms saw the same documents; loss finite at every step"))
    #expect(verdict.evidence.contains {
        $0.quantity == "failed sanity checks" && $0.measured.contains("arms saw the same documents")
    })
}

@Test func sanityCheckNamesAreEscapedForReportMarkdown() throws {
    let verdict = try gainsAtLeastOneHundredth.verdict(differences(clearGain), failedSanityChecks: ["data_seed equal"])
    #expect(verdict.explanation.contains("Sanity check failed: data\\_seed equal"))
}

@Test func tightIntervalAroundZeroReproducesAnEquivalenceClaim() throws {
    // 90 % t-interval ±0.0013 inside ±0.01; TOST p = 4.1e-5.
    let verdict = try barelyMatters.verdict(differences([0.001, -0.002, 0.0015, 0.0, -0.0005]))
    #expect(verdict.outcome == .reproduced)
    #expect(verdict.explanation.contains("90 % t-interval [−0.0013, +0.0013] bpb lies inside ±δ = ±0.0100 bpb"))
    #expect(verdict.explanation.contains("TOST p = 4.1 × 10⁻⁵"))
}

@Test func intervalOverlappingTheMarginLeavesAnEquivalenceClaimInconclusive() throws {
    // 90 % t-interval [+0.0034, +0.0134] crosses +0.01.
    let verdict = try barelyMatters.verdict(differences([0.005, 0.012, 0.008, 0.015, 0.002]))
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.explanation.contains("[+0.0034, +0.0134] bpb overlaps the edge"))
}

@Test func intervalWhollyOutsideTheMarginOnEitherSideRefutesAnEquivalenceClaim() throws {
    // 90 % t-intervals [+0.0511, +0.0589] and [−0.0589, −0.0511].
    let above = try barelyMatters.verdict(differences([0.05, 0.06, 0.055, 0.052, 0.058]))
    let below = try barelyMatters.verdict(differences([-0.05, -0.06, -0.055, -0.052, -0.058]))
    #expect(above.outcome == .notReproduced)
    #expect(below.outcome == .notReproduced)
    #expect(below.explanation.contains("[−0.0589, −0.0511] bpb lies wholly outside"))
}

@Test func equivalenceClaimWithTooFewSeedsIsInconclusive() throws {
    let verdict = try barelyMatters.verdict(differences([0.0001, -0.0001]))
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.explanation.contains("Only 2 of the required 3 seeds"))
}

@Test func explanationStatesMeanIntervalsAndThreshold() throws {
    let verdict = try gainsAtLeastOneHundredth.verdict(differences(clearGain))
    #expect(verdict.explanation.hasPrefix(
        "Mean difference +0.0310 bpb over 5 seeds against δ = +0.0100 bpb; "
            + "95 % t-interval [+0.0271, +0.0349] bpb; 95 % bootstrap interval ["))
    #expect(verdict.explanation.contains("The whole t-interval lies above δ = +0.0100 bpb."))
    #expect(verdict.evidence.contains { $0.quantity == "95 % bootstrap interval" })
    // Four seeds: no bootstrap interval is printed.
    let fourSeeds = try gainsAtLeastOneHundredth.verdict(differences(loss))
    #expect(!fourSeeds.explanation.contains("bootstrap"))
    #expect(!fourSeeds.evidence.contains { $0.quantity.contains("bootstrap") })
}

@Test func evidenceListsEverySeedWithItsLabelAndSignedValue() throws {
    let verdict = try gainsAtAll.verdict(differences([0.0123, -0.02, 0.031], seeds: [3, 5, 8]))
    let seedRows = verdict.evidence.filter { $0.quantity.hasPrefix("seed ") }
    #expect(seedRows.map { "\($0.quantity): \($0.measured)" }
                == ["seed 3: +0.0123 bpb", "seed 5: −0.0200 bpb", "seed 8: +0.0310 bpb"])
    #expect(verdict.evidence.first?.quantity == "mean difference")
    #expect(verdict.evidence.first?.measured == "+0.0078 bpb")
}

@Test func aSingleArmClaimNamesItsPerSeedValueInsteadOfADifference() throws {
    let claim = PairedClaim("The gap exceeds 0.01 bpb", rule: .exceeds(threshold: 0.01), perSeedValue: "this seed's gap depth")
    let verdict = try claim.verdict(differences([0.03, 0.04, 0.035]))
    #expect(verdict.evidence.first?.quantity == "mean")
    let seedRows = verdict.evidence.filter { $0.quantity.hasPrefix("seed ") }
    #expect(seedRows.count == 3)
    #expect(seedRows.allSatisfy { $0.criterion == "this seed's gap depth, claimed direction positive" })
    #expect(!verdict.evidence.contains { $0.criterion.contains("paired difference") })
}

@Test func unitAndDecimalsFollowTheSettings() throws {
    let settings = PairedVerdictSettings(unit: "nats", decimals: 2)
    let verdict = try gainsAtAll.verdict(differences([1.234, 1.5, 1.1]), settings: settings)
    #expect(verdict.evidence.contains { $0.quantity == "seed 0" && $0.measured == "+1.23 nats" })
}

@Test func impossibleThresholdsAndLevelsThrow() throws {
    let data = try differences(clearGain)
    #expect(throws: PairedDifferencesError.self) {
        try PairedClaim("x", rule: .equivalent(margin: 0)).verdict(data)
    }
    #expect(throws: PairedDifferencesError.self) {
        try PairedClaim("x", rule: .exceeds(threshold: -0.01, contradictedBelow: .zero)).verdict(data)
    }
    #expect(throws: PairedDifferencesError.self) {
        try PairedClaim("x", rule: .exceeds(threshold: .nan)).verdict(data)
    }
    #expect(throws: PairedDifferencesError.self) {
        try gainsAtAll.verdict(data, settings: PairedVerdictSettings(level: 1.5))
    }
}
