import Foundation
import OtklikCore
import OtklikInterchange

extension SurveyCSV {
    /// The whole survey as CSV text, read from the repository (``SurveyCSV/text(_:invitations:answers:)`` is the format).
    /// With `locations` (a caller limited to some locations) only the invitations at those locations are rows, with their
    /// answers; an invitation without a location is left out.
    public static func export(_ survey: Survey, from repository: any SurveyRepository, locations: Set<String>? = nil) async throws -> String {
        let answers = try await repository.answers(survey: survey.code)
        var invitations = try await repository.invitations(survey: survey.code)
        if let locations { invitations = invitations.filter { $0.location.map(locations.contains) ?? false } }
        return try text(survey, invitations: invitations, answers: answers)
    }
}
