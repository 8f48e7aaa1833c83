// The four study kinds of STUDIES.md, as named in spec files.

/// Which published finding a spec reproduces (spec key `kind`).
public enum StudyKind: String, CaseIterable, Sendable, Codable {
    /// Kaplan 2020 / Hoffmann 2022 / Epoch 2024: L(N, D) and compute-optimal allocation.
    case scalingLaw = "scaling-law"
    /// Luo et al. 2025: learning-rate decay wastes the best data of a quality curriculum.
    case curriculum
    /// Guo et al. 2024, Gupta et al. 2023, Gu et al. 2024: the stability gap of continual pretraining.
    case stabilityGap = "stability-gap"
    /// Chang et al. 2023: when multilinguality is a curse.
    case multilingualCurse = "multilingual-curse"
}
