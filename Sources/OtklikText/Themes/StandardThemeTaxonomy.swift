extension ThemeTaxonomy {
    /// The taxonomy Otklik ships: common reasons in service businesses (front offices, contact centres, shops,
    /// restaurants, banks), with Russian and English keywords.
    public static let standard = ThemeTaxonomy(themes: [
        Theme(
            id: "waiting_time", nameRu: "Время ожидания", nameEn: "Waiting time",
            keywords: [
                "ждать", "ждал", "ждали", "ждала", "жду", "ждём", "подождать", "прождали", "прождал", "ожидание",
                "долго", "долгий", "медленно", "медленный", "быстро", "быстрый", "оперативно", "задержка", "задержали",
                "опоздание", "опоздали", "полчаса", "целый час", "минут", "wait", "waited", "waiting", "slow", "slowly",
                "fast", "quick", "quickly", "delay", "delayed", "late", "forever", "minutes", "took ages", "promptly",
            ]),
        Theme(
            id: "queue", nameRu: "Очередь", nameEn: "Queue",
            keywords: ["очередь", "очереди", "талон", "электронная очередь", "queue", "in line", "long line", "the line", "ticket number"]),
        Theme(
            id: "staff_politeness", nameRu: "Вежливость персонала", nameEn: "Staff politeness",
            keywords: [
                "вежливый", "вежливо", "вежливость", "невежливый", "грубый", "грубо", "грубость", "хамство", "хам",
                "хамят", "хамит", "хамил", "хамила", "нахамил", "нахамили", "нахамила", "нагрубил", "нагрубила", "нагрубили", "грубят", "грубит", "доброжелательный", "приветливый", "улыбчивый", "улыбка", "дружелюбный",
                "отношение", "равнодушный", "наглый", "polite", "impolite", "rude", "rudely", "friendly", "unfriendly",
                "courteous", "attitude", "smile", "smiling", "welcoming", "disrespectful", "respectful",
            ]),
        Theme(
            id: "staff_competence", nameRu: "Компетентность персонала", nameEn: "Staff competence",
            keywords: [
                "компетентный", "некомпетентный", "профессиональный", "непрофессиональный", "профессионал", "грамотный",
                "консультация", "консультант", "объяснить", "объяснили", "разбирается", "квалификация", "ошиблись",
                "не знает", "competent", "incompetent", "knowledgeable", "professional", "unprofessional", "clueless",
                "explain", "explained", "trained", "training", "expert", "didn't know",
            ]),
        Theme(
            id: "prices", nameRu: "Цены", nameEn: "Prices",
            keywords: [
                "цена", "цены", "ценник", "дорого", "дороговато", "дешево", "дешевый", "стоимость", "недорого",
                "переплата", "комиссия", "тариф", "скидка", "price", "prices", "pricing", "expensive", "cheap",
                "overpriced", "cost", "fee", "fees", "charge", "overcharged", "affordable", "discount", "value for money",
            ]),
        Theme(
            id: "cleanliness", nameRu: "Чистота", nameEn: "Cleanliness",
            keywords: [
                "чисто", "чистота", "чистый", "грязно", "грязный", "грязь", "мусор", "пыль", "туалет", "вонь", "воняет",
                "уборка", "антисанитария", "таракан", "clean", "dirty", "filthy", "hygiene", "toilet", "restroom",
                "bathroom", "smell", "smelly", "trash", "dust", "cleanliness",
            ]),
        Theme(
            id: "app_website", nameRu: "Приложение и сайт", nameEn: "App and website",
            keywords: [
                "приложение", "сайт", "личный кабинет", "интернет-банк", "онлайн", "интерфейс", "обновление",
                "пароль", "авторизация", "глючит", "зависает", "app", "application", "website", "site", "online", "login",
                "log in", "password", "interface", "update", "crashes", "bug",
            ]),
        Theme(
            id: "phone_contact", nameRu: "Дозвон и контакт-центр", nameEn: "Phone and contact centre",
            keywords: [
                "дозвониться", "звонок", "звонить", "позвонить", "перезвонить", "оператор", "горячая линия", "трубку",
                "колл-центр", "call", "called", "phone", "on hold", "hotline", "call back", "hung up", "operator",
                "call centre", "call center",
            ]),
        Theme(
            id: "food_quality", nameRu: "Качество блюд", nameEn: "Food quality",
            keywords: [
                "вкусно", "вкусный", "невкусный", "невкусно", "блюдо", "еда", "кухня", "порция", "мясо", "салат",
                "десерт", "пересолено", "food", "meal", "dish", "tasty", "delicious", "bland", "portion", "menu", "flavor",
                "taste",
            ]),
        Theme(
            id: "atmosphere", nameRu: "Атмосфера и интерьер", nameEn: "Atmosphere and interior",
            keywords: [
                "интерьер", "атмосфера", "музыка", "шумно", "уютно", "уютный", "тесно", "душно", "atmosphere",
                "ambiance", "ambience", "music", "noisy", "decor", "interior", "cozy", "cramped",
            ]),
        Theme(
            id: "product_quality", nameRu: "Качество товара", nameEn: "Product quality",
            keywords: [
                "качество", "брак", "бракованный", "сломался", "сломан", "дефект", "quality", "broken", "broke",
                "defective", "durable", "faulty", "cheaply made",
            ]),
        Theme(
            id: "delivery", nameRu: "Доставка", nameEn: "Delivery",
            keywords: ["доставка", "курьер", "привезли", "delivery", "delivered", "shipping", "courier", "shipped", "arrived"]),
        Theme(
            id: "payments", nameRu: "Платежи и карты", nameEn: "Payments and cards",
            keywords: [
                "карта", "перевод", "платеж", "платёж", "списали", "списание", "возврат", "деньги", "кредит", "вклад",
                "card", "payment", "refund", "transfer", "money", "loan", "deposit",
            ]),
        Theme(
            id: "paperwork", nameRu: "Документы и процедуры", nameEn: "Paperwork and procedures",
            keywords: ["документы", "справка", "бумаги", "подпись", "анкета", "paperwork", "documents", "form", "forms", "signature"]),
        Theme(
            id: "hours_location", nameRu: "Режим работы и расположение", nameEn: "Opening hours and location",
            keywords: [
                "график работы", "часы работы", "режим работы", "парковка", "расположение", "далеко", "opening hours",
                "hours", "parking", "location", "closed early",
            ]),
        Theme(
            id: "information", nameRu: "Информирование", nameEn: "Information",
            keywords: [
                "информация", "предупредили", "уведомление", "смс", "не сообщили", "information", "informed",
                "notification", "notify", "no one told",
            ]),
    ])
}
