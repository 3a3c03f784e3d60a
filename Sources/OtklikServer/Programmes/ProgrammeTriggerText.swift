import Foundation
import OtklikCore

/// A programme's trigger in words for its page: the feed event ("a detractor's answer"), the schedule ("every week on
/// Monday at 09:00", in the organisation's time zone), the prediction's threshold with its reset bound, the stalled
/// request's term (with its services), the completed request's services or the purchase pattern; with the segments of its audience when it names any.
enum ProgrammeTriggerText {
    static func describe(_ programme: Programme, text: [String: String]) -> String {
        var words: String
        if let schedule = programme.schedule {
            let time = String(format: "%02d:%02d", schedule.atMinute / 60, schedule.atMinute % 60)
            let weekday = ProgrammeSchedule.weekdays[schedule.weekday - 1]
            words = (text["programme_schedule_\(schedule.every.rawValue)"] ?? "{time}")
                .replacingOccurrences(of: "{time}", with: time)
                .replacingOccurrences(of: "{weekday}", with: text["programme_weekday_\(weekday)"] ?? weekday)
                .replacingOccurrences(of: "{day}", with: String(schedule.day))
        } else if let threshold = programme.prediction {
            words = (text[threshold.upward ? "programme_prediction_up" : "programme_prediction_down"] ?? "{score} {fire} {reset}")
                .replacingOccurrences(of: "{score}", with: text["programme_score_\(threshold.score.rawValue)"] ?? threshold.score.rawValue)
                .replacingOccurrences(of: "{fire}", with: String(format: "%.2f", threshold.fire))
                .replacingOccurrences(of: "{reset}", with: String(format: "%.2f", threshold.reset))
        } else if let stall = programme.stall {
            words = (text["programme_stall"] ?? "a service request still open {days} working days after submission")
                .replacingOccurrences(of: "{days}", with: String(stall.workingDays))
            if !stall.services.isEmpty {
                words += " · " + (text["programme_services"] ?? "services") + ": " + stall.services.joined(separator: ", ")
            }
        } else if let pattern = programme.purchasePattern {
            words = (text["programme_pattern_\(pattern.pattern.rawValue)"] ?? pattern.pattern.rawValue)
                .replacingOccurrences(of: "{factor}", with: String(format: "%g", pattern.factor))
        } else {
            words = text["programme_trigger_\(programme.trigger.rawValue)"] ?? programme.trigger.rawValue
            if let services = programme.resolution?.services, !services.isEmpty {
                words += " · " + (text["programme_services"] ?? "services") + ": " + services.joined(separator: ", ")
            }
        }
        if !programme.segments.isEmpty {
            words += " · " + (text["programme_segments"] ?? "segments") + ": " + programme.segments.joined(separator: ", ")
        }
        return words
    }
}
