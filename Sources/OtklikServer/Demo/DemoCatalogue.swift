import OtklikCore

/// The demo organisation's reference data: a bank-like service network in three regions.
enum DemoCatalogue {
    static let regions = [
        Region(code: "MSK", name: "Москва"), Region(code: "SPB", name: "Санкт-Петербург"), Region(code: "KZN", name: "Казань"),
    ]

    static let locations: [Location] = {
        let names = [
            ("L01", "Офис на Тверской", "MSK"), ("L02", "Офис на Арбате", "MSK"), ("L03", "Офис в Митино", "MSK"),
            ("L04", "Офис на Невском", "SPB"), ("L05", "Офис на Васильевском", "SPB"), ("L06", "Офис в Купчино", "SPB"),
            ("L07", "Офис на Московском проспекте", "SPB"), ("L08", "Офис на Баумана", "KZN"), ("L09", "Офис в Азино", "KZN"),
            ("L10", "Офис на Пушкина", "KZN"), ("L11", "Офис в Приволжском", "KZN"), ("L12", "Контакт-центр", "MSK"),
        ]
        return names.map { Location(code: $0.0, name: $0.1, region: $0.2) }
    }()

    static let contactCentre = "L12"
    static let weakLocation = "L07"
    /// The weak location's manager, whose notifications the `demo` login reads.
    static let weakLocationManager = "S007"
    static let weakStaff: Set<String> = ["S013", "S052"]
    static let hardService = "SV07"

    static let firstNames = ["Анна", "Иван", "Мария", "Алексей", "Елена", "Дмитрий", "Ольга", "Сергей", "Наталья", "Павел",
                             "Ирина", "Андрей", "Татьяна", "Михаил", "Юлия", "Николай"]
    static let lastInitials = ["А.", "Б.", "В.", "Г.", "Д.", "Е.", "Ж.", "З.", "К.", "Л."]

    /// 80 staff: about 6 per service point (the first at each is its manager, who owns its cases), 8 agents in
    /// the contact centre; teams: the front office of each region and the contact centre; hired from 2016 to October 2026.
    static let staff: [Staff] = (1...80).map { number in
        let code = String(format: "S%03d", number)
        let location = number > 72 ? contactCentre : locations[(number - 1) % 11].code
        let name = "\(firstNames[(number * 7) % firstNames.count]) \(lastInitials[(number * 3) % lastInitials.count])"
        let region = locations.first { $0.code == location }?.region?.lowercased() ?? "msk"
        return Staff(
            code: code, name: name, location: location, role: number > 72 ? "agent" : number <= 11 ? "manager" : "front office",
            team: number > 72 ? "contact-centre" : "front-\(region)",
            hiredOn: String(format: "%04d-%02d-%02d", 2016 + (number * 7) % 11, 1 + (number * 5) % 10, 1 + (number * 11) % 28))
    }

    static let services: [Service] = [
        "Открытие счёта", "Дебетовая карта", "Кредитная карта", "Потребительский кредит", "Вклад", "Перевод", "Ипотека",
        "Автокредит", "Страхование", "Инвестиции", "Выписка и справки", "Обмен валюты", "Платежи ЖКХ", "Зарплатный проект",
        "Сейфовая ячейка", "Закрытие счёта", "Восстановление карты", "Мобильный банк", "Жалоба на операцию", "Консультация",
    ].enumerated().map {
        Service(code: String(format: "SV%02d", $0.offset + 1), name: $0.element, availableOnline: !offlineOnly.contains($0.offset + 1))
    }

    /// Numbers of the services that need a visit (a valuation, cash, a key, a contract): 6 of 20, so 14 of 20
    /// (70 %) can be obtained online — the demo's `services_online_share`.
    static let offlineOnly: Set<Int> = [7, 8, 12, 14, 15, 16]

    /// The demo's "Event – Tasks – Actions" table.
    static let playbooks: [Playbook] = [
        Playbook(
            event: "complaint:waiting_time", titleRu: "Жалоба на ожидание", titleEn: "Complaint about waiting",
            tasks: [
                "Перезвонить клиенту в течение 4 рабочих часов", "Извиниться и назвать причину задержки",
                "Проверить расписание окон на этот день и сообщить руководителю точки",
            ],
            phrases: ["Приношу извинения за ожидание — мы уже разбираемся, почему так вышло.", "Спасибо, что сказали нам об этом."]),
        Playbook(
            event: "complaint:politeness", titleRu: "Жалоба на вежливость", titleEn: "Complaint about politeness",
            tasks: ["Перезвонить клиенту в течение 4 рабочих часов", "Поговорить с сотрудником в тот же день", "Записать итог разговора в обращение"],
            phrases: ["Мне очень жаль, что так получилось. Это не наш стандарт."]),
        Playbook(
            event: "complaint", titleRu: "Жалоба", titleEn: "Complaint",
            tasks: ["Перезвонить клиенту в течение 4 рабочих часов", "Выяснить суть проблемы", "Решить или назначить ответственного"],
            phrases: ["Спасибо, что сообщили. Давайте разберёмся вместе."]),
        Playbook(
            event: "negative_press", titleRu: "Красная кнопка", titleEn: "Red button pressed",
            tasks: ["Подойти к окну в течение 5 минут", "Спросить клиента, что пошло не так"],
            phrases: ["Вижу, что-то пошло не так. Могу я помочь?"]),
        Playbook(
            event: "conversation", titleRu: "Разговор с клиентом", titleEn: "Conversation with a customer",
            tasks: ["Поздороваться", "Спросить, чем помочь", "Поблагодарить и попрощаться"],
            phrases: ["Здравствуйте|Добрый день", "Чем могу помочь", "Спасибо за обращение|Всего доброго"]),
    ]

    /// The reasons the kiosk and QR forms offer, the same codes the demo feedback carries.
    static let reasons: [Reason] = [
        Reason(code: "waiting_time", labelRu: "Время ожидания", labelEn: "Waiting time"),
        Reason(code: "politeness", labelRu: "Вежливость", labelEn: "Politeness"),
        Reason(code: "competence", labelRu: "Компетентность", labelEn: "Competence"),
        Reason(code: "prices", labelRu: "Цены и тарифы", labelEn: "Prices and fees"),
        Reason(code: "cleanliness", labelRu: "Чистота и комфорт", labelEn: "Cleanliness and comfort"),
        Reason(code: "queue", labelRu: "Организация очереди", labelEn: "Queue management"),
        Reason(code: "app", labelRu: "Мобильное приложение", labelEn: "Mobile app"),
    ]
}
