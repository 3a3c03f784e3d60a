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
}
