// The one place that maps a spec's kind to its settings and its plug-in: adding a study kind means
// a case here plus the kind's own folder under Kinds/.

/// The settings that differ between study kinds.
public enum StudySettings: Sendable, Equatable {
    case scalingLaw(ScalingLawSettings)
    case curriculum(CurriculumSettings)
    case stabilityGap(StabilityGapSettings)
    case multilingualCurse(MultilingualCurseSettings)

    /// Reads the kind's own keys under `data`, `protocol` and `verdicts`.
    static func read(kind: StudyKind, data: MappingReader, protocolReader: MappingReader,
                     verdicts: MappingReader) -> StudySettings {
        switch kind {
        case .scalingLaw: .scalingLaw(.read(data: data, protocolReader: protocolReader, verdicts: verdicts))
        case .curriculum: .curriculum(.read(data: data, protocolReader: protocolReader, verdicts: verdicts))
        case .stabilityGap: .stabilityGap(.read(data: data, protocolReader: protocolReader, verdicts: verdicts))
        case .multilingualCurse: .multilingualCurse(.read(data: data, protocolReader: protocolReader, verdicts: verdicts))
        }
    }

    /// The kind's settings as validation sees them.
    var kindSettings: any StudyKindSettings {
        switch self {
        case .scalingLaw(let settings): settings
        case .curriculum(let settings): settings
        case .stabilityGap(let settings): settings
        case .multilingualCurse(let settings): settings
        }
    }

    /// The plug-in that plans, analyses and reports the study.
    var definition: any StudyKindDefinition {
        switch self {
        case .scalingLaw(let settings): settings
        case .curriculum(let settings): settings
        case .stabilityGap(let settings): settings
        case .multilingualCurse(let settings): settings
        }
    }
}
