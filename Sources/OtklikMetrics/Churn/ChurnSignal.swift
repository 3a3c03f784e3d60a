import Foundation

/// The signals the churn model reads for a customer as of a date (issue 18 item 6): purchase behaviour (recency,
/// frequency, monetary value, tenure) and experience (detractor answers, complaints, late and unresolved cases, repeat
/// contacts, negative comments). Experience signals count what happened in the activity window before the date, except
/// `unresolvedComplaint`, which counts every case open at the date.
public enum ChurnSignal: String, Sendable, Codable, CaseIterable {
    case recency
    case frequency
    case monetary
    case tenure
    case detractorAnswers = "detractor_answers"
    case complaints
    case lateCases = "late_cases"
    case unresolvedComplaint = "unresolved_complaint"
    case repeatContacts = "repeat_contacts"
    case negativeComments = "negative_comments"

    /// The value the model reads: counts and amounts on a log scale (log(1 + x)), days as they are.
    public func modelValue(_ raw: Double) -> Double {
        switch self {
        case .recency, .tenure: raw
        default: log1p(max(raw, 0))
        }
    }

    /// The reason in words: what the signal's value is, worded by whether it is above or below the population's mean
    /// (a reason is given only for signals that raise the customer's risk).
    public func text(raw: Double, aboveMean: Bool, lang: String) -> String {
        let n = raw == raw.rounded() ? String(Int(raw)) : String(format: "%.0f", raw)
        let ru = lang == "ru"
        switch self {
        case .recency:
            return aboveMean ? (ru ? "давно не покупал: \(n) дн. с последней покупки" : "no purchase for \(n) days")
                : (ru ? "покупал недавно: \(n) дн. назад" : "bought recently: \(n) days ago")
        case .frequency:
            return aboveMean ? (ru ? "много покупок: \(n)" : "many purchases: \(n)") : (ru ? "мало покупок: \(n)" : "few purchases: \(n)")
        case .monetary:
            let amount = String(format: "%.0f", raw)
            return aboveMean ? (ru ? "крупный средний чек: \(amount)" : "large average purchase: \(amount)")
                : (ru ? "небольшой средний чек: \(amount)" : "small average purchase: \(amount)")
        case .tenure:
            return aboveMean ? (ru ? "давний клиент: \(n) дн." : "long-standing customer: \(n) days")
                : (ru ? "новый клиент: \(n) дн. с первой покупки" : "new customer: \(n) days since the first purchase")
        case .detractorAnswers:
            return ru ? "ответы критика (NPS 0–6): \(n)" : "detractor answers (NPS 0–6): \(n)"
        case .complaints:
            return ru ? "жалобы: \(n)" : "complaints: \(n)"
        case .lateCases:
            return ru ? "обращения, решённые с нарушением срока: \(n)" : "cases past their deadline: \(n)"
        case .unresolvedComplaint:
            return ru ? "нерешённые жалобы и обращения: \(n)" : "unresolved complaints or cases: \(n)"
        case .repeatContacts:
            return ru ? "повторные обращения по той же теме за 7 дней: \(n)" : "repeat contacts on the same topic within 7 days: \(n)"
        case .negativeComments:
            return ru ? "негативные комментарии: \(n)" : "negative comments: \(n)"
        }
    }
}
