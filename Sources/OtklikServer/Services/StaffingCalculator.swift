import Foundation
import OtklikMetrics

/// The Erlang C form of `/contact-centre`: reads `calls_per_hour`, `aht` (s), `target_sl` (%), `answer_within` (s)
/// and `shrinkage` (%) as `otklik staffing calculate` does, and answers with the agents needed (``ErlangC/staffing``).
struct StaffingCalculator {
    let text: [String: String]

    /// The form as entered with its result, or with the first field that is wrong; untouched when nothing was asked.
    func form(_ parameters: [String: String]) -> StaffingForm {
        func entered(_ key: String, _ fallback: String) -> String { parameters[key] ?? fallback }
        var form = StaffingForm(
            callsPerHour: entered("calls_per_hour", ""), aht: entered("aht", ""), targetSL: entered("target_sl", "80"),
            answerWithin: entered("answer_within", "20"), shrinkage: entered("shrinkage", "30"))
        guard let calls = parameters["calls_per_hour"], !calls.isEmpty else { return form }
        func number(_ key: String, _ value: String, _ valid: (Double) -> Bool) -> Double? {
            guard let number = Double(value.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)), number.isFinite, valid(number)
            else {
                form.error = text["staffing_error_\(key)"] ?? "\(key) is out of range"
                form.errorField = "staffing-\(key)"
                return nil
            }
            return number
        }
        guard let perHour = number("calls_per_hour", form.callsPerHour, { $0 >= 0 && $0 <= 1_000_000 }),
              let aht = number("aht", form.aht, { $0 > 0 && $0 <= 86_400 }),
              let target = number("target_sl", form.targetSL, { (0...100).contains($0) }),
              let within = number("answer_within", form.answerWithin, { $0 >= 0 && $0 <= 86_400 }),
              let shrinkage = number("shrinkage", form.shrinkage, { $0 >= 0 && $0 < 100 })
        else { return form }
        guard let result = ErlangC.staffing(
            callsPerHour: perHour, aht: aht, targetServiceLevel: target / 100, threshold: within, shrinkage: shrinkage / 100)
        else {
            form.error = text["staffing_error_unreachable"] ?? "No number of agents reaches that target."
            form.errorField = "staffing-target_sl"
            return form
        }
        form.result = StaffingForm.Result(
            traffic: String(format: "%.2f", result.traffic), agents: result.agents, scheduled: result.scheduled,
            serviceLevel: String(format: "%.1f %%", result.serviceLevel * 100),
            asa: String(format: "%.1f %@", result.asa, text["unit_seconds"] ?? "s"), occupancy: String(format: "%.1f %%", result.occupancy * 100))
        return form
    }
}
