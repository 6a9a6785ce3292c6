import GeoCore
import MekongNetwork

/// Why a gap analysis or a project assessment gave no answer.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GEOS or PROJ failed while measuring (the corridor bands).
    case geometry(GeoCoreError)
    /// The analysis stopped at its ``Deadline`` before it finished.
    case deadlinePassed

    /// GEOS's or PROJ's message, or that the deadline passed.
    public var description: String {
        switch self {
        case .geometry(let error): error.description
        case .deadlinePassed: "the analysis stopped at its deadline before it finished"
        }
    }
}
