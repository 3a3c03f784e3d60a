import Foundation
import OtklikMetrics

/// The survey pages' period in the page's terms and the invitation filter's: on `/surveys` and a survey's page, `to`
/// and `compare_to` are the last day included, as on every other page (the period form, the links that keep it, the
/// dashboard's response-rate alert); the results API and ``InvitationFilter`` take `to` as exclusive. A date is moved
/// on one day for the filter; a date and time (an API-style moment typed into the address) is kept as it is.
enum SurveyPagePeriod {
    /// `query` with its `to` and `compare_to` dates made exclusive, for ``InvitationFilter``.
    static func invitationQuery(_ query: [String: String]) -> [String: String] {
        var shifted = query
        for name in ["to", "compare_to"] {
            guard let text = query[name], let day = LocalCalendar.day(parsing: text) else { continue }
            shifted[name] = LocalCalendar.label(day: day + 1)
        }
        return shifted
    }
}
