import Foundation
import OtklikCore
import OtklikInterchange

extension SurveyCSV {
    /// The whole survey as CSV text, read from the repository (``SurveyCSV/text(_:invitations:answers:)`` is the format).
    public static func export(_ survey: Survey, from repository: any SurveyRepository) async throws -> String {
        let answers = try await repository.answers(survey: survey.code)
        return try text(survey, invitations: try await repository.invitations(survey: survey.code), answers: answers)
    }
}
