import Foundation
import OtklikCore

/// A survey's responses as one flat, analysis-ready table: one row per invitation (so non-responders are rows too),
/// its outcome and attributes, then one column per question in the survey's order — the score for a rating, the
/// option code (single choice) or `;`-separated codes (multiple choice), the text of an open answer. A cell is empty
/// when the question was not answered; `shown` lists the questions the respondent was shown, so an empty cell of a
/// question not shown is planned missingness (question rotation), not a skipped question.
public enum SurveyCSV {
    public static let fixedColumns = [
        "invitation", "survey", "status", "invited_at", "responded_at", "customer", "interaction", "location", "staff", "service",
        "channel", "stratum", "shown",
    ]

    public static func header(_ survey: Survey) -> [String] {
        fixedColumns + survey.questions.map(\.code)
    }

    public static func row(_ invitation: SurveyInvitation, answers: [SurveyAnswer], survey: Survey) -> [String] {
        let byQuestion = Dictionary(answers.map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first })
        let fixed: [String] = [
            invitation.id, invitation.survey, invitation.status.rawValue, Timestamp.format(invitation.invitedAt),
            invitation.respondedAt.map(Timestamp.format) ?? "", invitation.customer ?? "", invitation.interaction ?? "",
            invitation.location ?? "", invitation.staff ?? "", invitation.service ?? "", invitation.channel ?? "", invitation.stratum ?? "",
            (invitation.shown ?? []).joined(separator: ";"),
        ]
        return fixed + survey.questions.map { question in
            guard let answer = byQuestion[question.code] else { return "" }
            if let score = answer.score { return String(score) }
            if !answer.choices.isEmpty { return answer.choices.joined(separator: ";") }
            return answer.text ?? ""
        }
    }

    /// The whole survey as CSV text: `answers` by invitation id.
    public static func text(_ survey: Survey, invitations: [SurveyInvitation], answers: [String: [SurveyAnswer]]) throws -> String {
        let writer = try CSVRowWriter(header: header(survey))
        for invitation in invitations {
            try writer.write(row(invitation, answers: answers[invitation.id] ?? [], survey: survey))
        }
        return writer.text
    }
}
