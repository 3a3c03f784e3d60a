/// The kinds of customer voice (PRODUCT.md, "Feedback").
public enum FeedbackKind: String, Sendable, Codable, CaseIterable {
    /// A button press: positive / neutral / negative, no reason, no contact.
    case impulse
    /// A rating with reasons or text, no contact.
    case informative
    /// Informative feedback that leaves a contact: the customer expects to be called back.
    case complaint
    /// What customers say to staff, captured as transcripts.
    case organic
    /// An answer to a survey invitation from a sampling plan.
    case surveyResponse = "survey_response"
    /// Imported from outside (app stores, maps, social networks).
    case review
}
