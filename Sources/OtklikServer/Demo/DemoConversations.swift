import Foundation
import OtklikCore

/// Short front-desk conversations for the demo's transcripts, by the reason the customer later gave.
enum DemoConversations {
    static let byReason: [String: [(Transcript.Turn.Speaker, String)]] = [
        "waiting_time": [
            (.customer, "Здравствуйте, я жду уже сорок минут, талон А-117."),
            (.staff, "Извините, сегодня много посетителей, работают только два окна."),
            (.customer, "А почему только два? У меня обеденный перерыв заканчивается."),
            (.staff, "Давайте я посмотрю ваш вопрос сейчас."),
        ],
        "politeness": [
            (.customer, "Добрый день, мне нужна выписка по счёту."),
            (.staff, "Вы не видите, я занята? Ждите."),
            (.customer, "Я просто спросил, к кому обратиться."),
            (.staff, "В следующее окно."),
        ],
        "competence": [
            (.customer, "Подскажите, какая ставка по вкладу на полгода?"),
            (.staff, "Сейчас уточню… Кажется, восемь процентов, но это не точно."),
            (.customer, "На сайте написано другое."),
            (.staff, "Тогда лучше позвоните на горячую линию."),
        ],
        "prices": [
            (.customer, "Почему с меня списали комиссию 500 рублей за перевод?"),
            (.staff, "Так установлено тарифом."),
            (.customer, "Мне говорили, что переводы бесплатные."),
            (.staff, "Бесплатные только в приложении."),
        ],
    ]
    static let general: [(Transcript.Turn.Speaker, String)] = [
        (.customer, "Здравствуйте, у меня вопрос по карте."),
        (.staff, "Слушаю вас."),
        (.customer, "Карта не работает в магазинах уже второй день."),
        (.staff, "Сейчас проверю, подождите."),
    ]

    /// A conversation at the complaint's place that ended a few minutes before it.
    static func transcript(for complaint: Feedback) -> Transcript? {
        guard let location = complaint.location else { return nil }
        let lines = complaint.reasons.first.flatMap { byReason[$0] } ?? general
        let start = complaint.ts.addingTimeInterval(-12 * 60)
        return Transcript(
            id: "demo-talk-\(complaint.id)", location: location, staff: complaint.staff, startedAt: start,
            endedAt: start.addingTimeInterval(Double(lines.count) * 40), lang: "ru",
            turns: lines.enumerated().map { .init(speaker: $0.element.0, text: $0.element.1, offsetSeconds: Double($0.offset) * 40) })
    }

    /// An ordinary visit before a rating at a terminal or QR form: the staff member greets, asks how to help and says
    /// goodbye, each with a probability that is lower for the demo's weak staff and before a poor rating, so the
    /// conversation standard's compliance goes with perceived quality.
    static func visit(before feedback: Feedback, random: inout SeededRandom) -> Transcript? {
        guard let location = feedback.location, let staff = feedback.staff else { return nil }
        let weak = DemoCatalogue.weakStaff.contains(staff)
        let poor = (feedback.csat ?? 5) <= 2 || (feedback.nps ?? 10) <= 4
        let p = weak ? 0.45 : (poor ? 0.65 : 0.9)
        var lines: [(Transcript.Turn.Speaker, String)] = []
        lines.append((.staff, random.chance(p) ? random.pick(["Здравствуйте!", "Добрый день!"]) : "Следующий."))
        lines.append((.staff, random.chance(p) ? "Чем могу помочь?" : "Что у вас?"))
        lines.append((.customer, random.pick(["Хочу открыть вклад.", "Нужна выписка по счёту.", "Карта перестала работать.", "Хочу перевести деньги."])))
        lines.append((.staff, random.pick(["Сейчас всё оформим.", "Давайте посмотрим.", "Минуту, проверю."])))
        lines.append((.customer, random.pick(["Спасибо.", "Хорошо.", "Понятно."])))
        lines.append((.staff, random.chance(p) ? random.pick(["Спасибо за обращение!", "Всего доброго!"]) : "Всё."))
        let start = feedback.ts.addingTimeInterval(-Double(6 + Int(random.next() % 10)) * 60)
        return Transcript(
            id: "demo-visit-\(feedback.id)", location: location, staff: staff, startedAt: start,
            endedAt: start.addingTimeInterval(Double(lines.count) * 30), lang: "ru",
            turns: lines.enumerated().map { .init(speaker: $0.element.0, text: $0.element.1, offsetSeconds: Double($0.offset) * 30) })
    }
}
