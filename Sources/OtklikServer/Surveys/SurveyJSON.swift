import Foundation
import OtklikCore
import OtklikStore

/// An interaction posted to a survey: `{"id", "at", "customer", "location", "staff", "service", "channel", "queue",
/// "topic", "contact", "lang"}`; `at` defaults to now.
struct SurveyInteractionJSON: Decodable {
    var id: String
    var at: String?
    var customer: String?
    var location: String?
    var staff: String?
    var service: String?
    var channel: String?
    var queue: String?
    var topic: String?
    var contact: String?
    var lang: String?

    func interaction(now: Date) throws(OtklikError) -> SurveyInteraction {
        var moment = now
        if let at {
            guard let parsed = Timestamp.parse(at) else { throw .invalid("at", "at is an ISO-8601 time, e.g. 2026-03-02T09:15:00Z") }
            moment = parsed
        }
        let item = SurveyInteraction(
            id: id, at: moment, customer: customer, location: location, staff: staff, service: service, channel: channel, queue: queue,
            topic: topic, contact: contact, lang: lang)
        try item.validate()
        return item
    }
}

/// One sampling decision as the API answers it; `{"interaction", "outcome": "pending"}` while the `survey-sampling`
/// consumer has not decided it. `duplicate` only in the answer to an offer.
struct SamplingResultJSON: Encodable {
    var interaction: String
    var outcome: String
    var stratum: String?
    var explanation: String?
    var invitation: String?
    var link: String?
    var duplicate: Bool?

    init(_ result: SamplingResult, base: String, duplicate: Bool? = nil) {
        interaction = result.interaction
        outcome = result.outcome
        stratum = result.stratum
        explanation = result.explanation
        invitation = result.invitation
        link = result.token.map { SurveyLinks.link(base: base, token: $0) }
        self.duplicate = duplicate ?? result.duplicate
    }

    private init(pending interaction: String, duplicate: Bool?) {
        self.interaction = interaction
        outcome = "pending"
        self.duplicate = duplicate
    }

    static func pending(_ interaction: String, duplicate: Bool?) -> SamplingResultJSON { SamplingResultJSON(pending: interaction, duplicate: duplicate) }
}

/// An invitation as the API shows it (never its token), with its answers when asked for one.
struct InvitationJSON: Encodable {
    var id: String
    var survey: String
    var interaction: String?
    var customer: String?
    var location: String?
    var staff: String?
    var service: String?
    var channel: String?
    var stratum: String?
    var status: String
    var invitedAt: String
    var expiresAt: String
    var respondedAt: String?
    var shown: [String]?
    var answers: [AnswerJSON]?

    enum CodingKeys: String, CodingKey {
        case id, survey, interaction, customer, location, staff, service, channel, stratum, status, invitedAt = "invited_at"
        case expiresAt = "expires_at", respondedAt = "responded_at", shown, answers
    }

    init(_ invitation: SurveyInvitation, answers: [SurveyAnswer]? = nil) {
        id = invitation.id
        survey = invitation.survey
        interaction = invitation.interaction
        customer = invitation.customer
        location = invitation.location
        staff = invitation.staff
        service = invitation.service
        channel = invitation.channel
        stratum = invitation.stratum
        status = invitation.status.rawValue
        invitedAt = Timestamp.format(invitation.invitedAt)
        expiresAt = Timestamp.format(invitation.expiresAt)
        respondedAt = invitation.respondedAt.map(Timestamp.format)
        shown = invitation.shown
        self.answers = answers?.map(AnswerJSON.init)
    }
}

struct AnswerJSON: Encodable {
    var question: String
    var score: Int?
    var choices: [String]?
    var text: String?

    init(_ answer: SurveyAnswer) {
        question = answer.question
        score = answer.score
        choices = answer.choices.isEmpty ? nil : answer.choices
        text = answer.text
    }
}
