/// Comment texts for the demo, in Russian and English, by sentiment and reason.
enum DemoComments {
    static func pick(negative: Bool, english: Bool, reason: String?) -> [String] {
        switch (negative, english) {
        case (false, false): positiveRu
        case (false, true): positiveEn
        case (true, false): negativeRu[reason ?? ""] ?? genericNegativeRu
        case (true, true): negativeEn[reason ?? ""] ?? genericNegativeEn
        }
    }

    /// Negative comments about something the shipped taxonomy has no theme for (the branch's cash machines), for the
    /// discovered-themes page to find, and a few that name no reason at all.
    static func unthemed(english: Bool) -> [String] { english ? unthemedEn : unthemedRu }
    static let unthemedRu = [
        "Банкомат в отделении опять не работает.", "Банкомат не работает уже неделю, ужасно.", "Банкомат снова не работает, отвратительно.",
        "Остался недоволен обслуживанием.", "Вопрос так и не решили.",
    ]
    static let unthemedEn = [
        "The cash machine is out of order again, terrible.", "The cash machine does not work, awful.", "Not happy with the service.",
    ]

    static let positiveRu = [
        "Всё быстро и вежливо, спасибо!", "Отличное обслуживание, сотрудник всё объяснил.", "Приятно, что не пришлось ждать.",
        "Спасибо за помощь, вопрос решили за один визит.", "Очень доброжелательный персонал.",
    ]
    static let positiveEn = [
        "Quick and friendly service, thank you!", "The staff explained everything clearly.", "No waiting at all, great.",
    ]
    static let genericNegativeRu = ["Остался недоволен обслуживанием.", "Вопрос так и не решили."]
    static let genericNegativeEn = ["Not happy with the service.", "My issue was not resolved."]
    static let negativeRu: [String: [String]] = [
        "waiting_time": ["Очень долго ждал в очереди, больше часа.", "Ожидание 40 минут, это слишком."],
        "queue": ["Огромная очередь, работает одно окно.", "Электронная очередь не работает."],
        "politeness": ["Сотрудник был груб и невнимателен.", "Со мной разговаривали очень невежливо."],
        "competence": ["Сотрудник не смог ответить на простой вопрос.", "Дали неверную информацию, пришлось прийти снова."],
        "prices": ["Слишком высокая комиссия.", "Цены на обслуживание выросли без предупреждения."],
        "cleanliness": ["В зале грязно и душно."],
        "app": ["Приложение постоянно зависает.", "В мобильном банке не проходит платёж."],
    ]
    static let negativeEn: [String: [String]] = [
        "waiting_time": ["Waited far too long.", "Over half an hour in the queue."],
        "queue": ["Huge queue and only one window open."],
        "politeness": ["The clerk was rude to me."],
        "competence": ["Nobody could answer a simple question."],
        "prices": ["Fees are too high."],
        "cleanliness": ["The office was dirty."],
        "app": ["The app keeps crashing."],
    ]
}
