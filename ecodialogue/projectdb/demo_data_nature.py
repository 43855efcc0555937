"""Demo projects: Switzerland's water and glacier programmes, and regional nature and land programmes (GEF).

Sources are linked from each record; see `demo_data.py` for how dates,
percentages and markers are written.
"""

from .demo_data import (
    ATYRAU,
    BISHKEK,
    BUKHARA,
    CAREC,
    CENTRAL_ASIA,
    CHF,
    EU,
    FAO,
    GEF,
    IUCN,
    SDC,
    UNDP,
    UNEP,
    USD,
    WORLD_BANK,
    T,
    named,
    project,
)

UNIFR = named("University of Fribourg", "Фрибурский университет", "Фрибур университеті", type="80")
IWMI = named(
    "International Water Management Institute (IWMI)",
    "Международный институт управления водными ресурсами (IWMI)",
    "Су ресурстарын басқарудың халықаралық институты (IWMI)",
    type="80",
)

PROJECTS = [
    project(
        27,
        title=T(
            "«Көгілдір бейбітшілік – Орталық Азия» бастамасы, 2017–2020",
            "Инициатива «Голубой мир – Центральная Азия» (Blue Peace Central Asia), 2017–2020",
            "Blue Peace Central Asia, 2017–2020",
        ),
        description=T(
            "Швейцарияның бастамасын 2017 жылы Астанада Швейцария Сыртқы істер департаментінің басшысы Дидье "
            "Буркхальтер жариялады: бес елге су ресурстарын басқарудың ортақ құрылымдарын құруға көмек, өңірдің "
            "су мәселелері бойынша саяси диалог және техникалық тәжірибе алмасу. Су — ынтымақтастық пен "
            "бейбітшілік құралы; бассейндік тәсіл және кешенді басқару.",
            "Инициативу Швейцарии объявил в 2017 году в Астане глава МИД Швейцарии Дидье Буркхальтер: помощь "
            "пяти странам в создании общих структур управления водными ресурсами, политический диалог по водным "
            "проблемам региона и обмен техническим опытом. Вода как инструмент сотрудничества и мира; бассейновый "
            "подход и интегрированное управление.",
            "Switzerland's initiative was launched in Astana in 2017 by the head of the Swiss foreign ministry, "
            "Didier Burkhalter: support to the five countries in building common structures for managing their "
            "water, a political dialogue on the region's water issues and exchanges on technical questions. Water "
            "as an instrument of cooperation and peace; a river-basin approach and integrated management.",
        ),
        status="4",
        dates={"1": "2017-01-01", "3": "2020-12-31"},
        countries=list(CENTRAL_ASIA),
        sectors=[("14010", 100)],
        markers={"7": 1},
        funders=[SDC],
        related=[("3", 28)],
        documents=[
            (
                "https://houseofswitzerland.org/node/1188/federal-councillor-didier-burkhalter-launches-blue-peace-"
                "initiative",
                T("Бастаманың басталуы", "Запуск инициативы", "Launch of the initiative"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        28,
        title=T(
            "«Көгілдір бейбітшілік – Орталық Азия» бастамасының жаңа кезеңі (Blue Peace Central Asia 2.0)",
            "Новый этап инициативы «Голубой мир – Центральная Азия» (Blue Peace Central Asia 2.0)",
            "Blue Peace Central Asia 2.0",
        ),
        description=T(
            "SDC-дің жетекші бастамасының жаңа кезеңі (2025 жылғы мамыр – 2029 жылдың соңы) Су ресурстарын "
            "басқарудың халықаралық институты (IWMI) IUCN және CAREC серіктестігімен жүзеге асырады. Швейцария "
            "Өзбекстан мен Тәжікстан үкіметтерімен өзара түсіністік меморандумдарына қол қойды; Қырғызстанмен, "
            "Қазақстанмен және Түрікменстанмен келіссөздер жүріп жатыр. Мақсаты — суды шиеленіс көзінен сенім, "
            "тұрақтылық және бірлескен даму қозғаушысына айналдыру.",
            "Новый этап флагманской инициативы SDC (май 2025 – конец 2029 г.) реализует Международный институт "
            "управления водными ресурсами (IWMI) в партнёрстве с МСОП и РЭЦЦА. Швейцария подписала меморандумы о "
            "взаимопонимании с правительствами Узбекистана и Таджикистана; идут переговоры с Кыргызстаном, "
            "Казахстаном и Туркменистаном. Цель — превратить воду из источника напряжённости в движущую силу "
            "доверия, стабильности и совместного развития.",
            "The new phase of SDC's flagship initiative (May 2025 – end of 2029) is implemented by the "
            "International Water Management Institute (IWMI) with IUCN and CAREC. Switzerland signed memoranda of "
            "understanding with the governments of Uzbekistan and Tajikistan; talks with Kyrgyzstan, Kazakhstan "
            "and Turkmenistan are under way. The aim: turning water from a source of tension into a driver of "
            "trust, stability and joint development.",
        ),
        status="2",
        dates={"2": "2025-05-01", "3": "2029-12-31"},
        countries=list(CENTRAL_ASIA),
        sectors=[("14010", 70), ("14040", 30)],
        markers={"7": 1},
        funders=[SDC],
        implementers=[IWMI, IUCN, CAREC],
        related=[("3", 27)],
        documents=[
            (
                "https://bluepeace-centralasia.ch/materials/-blue-peace-central-asia-12/",
                T("Жаңа кезең", "Новый этап", "The new phase"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        29,
        title=T(
            "Бейімделуді жақсартуға арналған криосфералық климаттық қызметтер (CICADA)",
            "Криосферные климатические услуги для улучшения адаптации (CICADA)",
            "Cryospheric Climate Services for improved Adaptation (CICADA)",
        ),
        description=T(
            "Фрибур университеті жергілікті мекемелермен бірге SDC қолдауымен жүзеге асырған жоба (2017–2020). "
            "CATCOS (2011–2016) жобасының жалғасы ретінде Орталық Азияда сенімді мұздықтар мониторингі желісін "
            "қалпына келтірді: Қырғызстанда, Өзбекстанда, Қазақстанда және Тәжікстанда жергілікті ғалымдарды "
            "гляциологиялық жұмысқа оқыту, негізгі климаттық айнымалыларды бақылау инфрақұрылымы және халықты "
            "хабардар ету.",
            "Проект Фрибурского университета с местными учреждениями при поддержке SDC (2017–2020). Продолжая "
            "проект CATCOS (2011–2016), восстановил надёжную сеть мониторинга ледников в Центральной Азии: "
            "обучение местных учёных гляциологическим работам в Кыргызстане, Узбекистане, Казахстане и "
            "Таджикистане, инфраструктура наблюдений за основными климатическими переменными и информирование "
            "населения.",
            "A University of Fribourg project with local institutions, supported by SDC (2017–2020). Following "
            "CATCOS (2011–2016), it re-established a reliable glacier monitoring network in Central Asia: training "
            "of local scientists in glaciological work in Kyrgyzstan, Uzbekistan, Kazakhstan and Tajikistan, "
            "observation infrastructure for essential climate variables and awareness among the population.",
        ),
        status="4",
        dates={"1": "2017-01-01", "3": "2020-12-31"},
        countries=["KG", "UZ", "KZ", "TJ"],
        sectors=[("41082", 60), ("43060", 40)],
        markers={"7": 2},
        funders=[SDC],
        implementers=[UNIFR],
        related=[("3", 30)],
        documents=[
            (
                "https://unifr.ch/geo/cryosphere/en/projects/glacier-monitoring-and-dynamics/cicada.html",
                T("Жоба беті", "Страница проекта", "Project page"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        30,
        title=T(
            "Орталық Азияда бейімделуді жақсарту үшін криосфераны бақылау және модельдеу (CROMO-ADAPT)",
            "Наблюдение и моделирование криосферы для улучшения адаптации в Центральной Азии (CROMO-ADAPT)",
            "Cryospheric Observation and Modelling for improved Adaptation in Central Asia (CROMO-ADAPT)",
        ),
        description=T(
            "SDC жобасы (2021 жылғы 1 сәуір – 2025 жылғы 31 желтоқсан, 2 960 000 швейцар франкі) мұздықтарды, қар "
            "жамылғысы мен мәңгі тоңды бақылау жүйелерін нығайтады, пайдаланушыларға бағытталған климаттық "
            "ақпарат қызметтерін әзірлейді және Қырғызстан мен Тәжікстандағы төрт су жинау алабында су "
            "шаруашылығы мен апаттар қаупін азайту саласындағы бейімделу шараларын жоспарлауға көмектеседі.",
            "Проект SDC (1 апреля 2021 – 31 декабря 2025 г., 2 960 000 швейцарских франков) укрепляет системы "
            "мониторинга ледников, снежного покрова и многолетней мерзлоты, развивает климатические "
            "информационные услуги для пользователей и помогает планировать меры адаптации в водном хозяйстве и "
            "снижении риска бедствий в четырёх водосборах Кыргызстана и Таджикистана.",
            "An SDC project (1 April 2021 – 31 December 2025, CHF 2,960,000) that strengthens the monitoring of "
            "glaciers, snow and permafrost, develops user-oriented climate information services and helps plan "
            "adaptation measures in water management and disaster risk reduction in four watersheds of "
            "Kyrgyzstan and Tajikistan.",
        ),
        status="3",
        dates={"1": "2021-04-01", "3": "2025-12-31"},
        countries=["KG", "TJ"],
        sectors=[("41082", 50), ("43060", 50)],
        markers={"7": 2},
        funders=[SDC],
        implementers=[UNIFR],
        budgets=[(2960000, CHF, "2021-04-01", "2025-12-31")],
        related=[("3", 29)],
        documents=[
            (
                "https://www.unifr.ch/geo/cryosphere/en/projects/smd4gc/cromo-adapt.html",
                T("Жоба беті", "Страница проекта", "Project page"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        31,
        title=T(
            "Қар барысы мен оның экожүйелерін қорғаудың жаһандық бағдарламасы (GSLEP)",
            "Глобальная программа по сохранению снежного барса и его экосистем (GSLEP)",
            "Global Snow Leopard and Ecosystem Protection Program (GSLEP)",
        ),
        description=T(
            "2013 жылғы 23 қазанда Бішкекте өткен Қар барысын сақтау жөніндегі жаһандық форумда қар барысы "
            "мекендейтін 12 ел Бішкек декларациясымен бірге мақұлдаған бағдарлама. Мақсаты — 2020 жылға қарай "
            "қар барысы мекендейтін 20 ландшафтты сақтау, браконьерлік пен заңсыз саудаға қарсы күрес, тау "
            "қауымдастықтарын қолдау. Халықаралық серіктестер: GEF, БҰҰДБ, Дүниежүзілік банктің Жаһандық жолбарыс "
            "бастамасы, NABU, Snow Leopard Trust, WWF, WCS, Panthera.",
            "Программа, одобренная 12 странами ареала вместе с Бишкекской декларацией на Глобальном форуме по "
            "сохранению снежного барса в Бишкеке 23 октября 2013 года. Цель — сохранить к 2020 году 20 "
            "ландшафтов обитания снежного барса, бороться с браконьерством и незаконной торговлей, поддерживать "
            "горные сообщества. Международные партнёры: ГЭФ, ПРООН, Глобальная инициатива по тигру Всемирного "
            "банка, NABU, Snow Leopard Trust, WWF, WCS, Panthera.",
            "A programme endorsed with the Bishkek Declaration by the 12 range countries at the Global Snow Leopard "
            "Conservation Forum in Bishkek on 23 October 2013. Its aim: securing 20 snow leopard landscapes by "
            "2020, fighting poaching and illegal trade, supporting mountain communities. International partners: "
            "GEF, UNDP, the World Bank's Global Tiger Initiative, NABU, the Snow Leopard Trust, WWF, WCS, Panthera.",
        ),
        status="2",
        dates={"2": "2013-10-23"},
        countries=["AF", "BT", "CN", "IN", "KZ", "KG", "MN", "NP", "PK", "RU", "TJ", "UZ"],
        sectors=[("41030", 100)],
        markers={"5": 2},
        implementers=[named("GSLEP Secretariat", "Секретариат GSLEP", "GSLEP хатшылығы", type="40")],
        locations=[BISHKEK],
        documents=[
            (
                "http://www.globalsnowleopard.org/who-we-are/gslep-program/steering-committee/resolution-first-scm/",
                T("Басқарушы комитеттің қарары", "Резолюция Руководящего комитета", "Steering Committee resolution"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        32,
        title=T(
            "Каспий экологиялық бағдарламасы",
            "Каспийская экологическая программа",
            "Caspian Environment Programme (CEP)",
        ),
        description=T(
            "Каспий маңындағы бес мемлекеттің (Әзірбайжан, Иран, Қазақстан, Ресей, Түрікменстан) өңірлік "
            "бағдарламасы. GEF оның жобасын 1998 жылғы қазанда бекітті, оны БҰҰДБ, ЮНЕП және Дүниежүзілік банк "
            "жүзеге асырды; ЕО TACIS бағдарламасы арқылы қолдады. Трансшекаралық диагностикалық талдау, Каспий "
            "жөніндегі ұлттық іс-қимыл жоспарлары, Стратегиялық іс-қимыл бағдарламасы және 2006 жылы күшіне енген "
            "Тегеран конвенциясын әзірлеу.",
            "Региональная программа пяти прикаспийских государств (Азербайджан, Иран, Казахстан, Россия, "
            "Туркменистан). ГЭФ одобрил её проект в октябре 1998 года, его реализовали ПРООН, ЮНЕП и Всемирный "
            "банк; ЕС поддерживал программу через TACIS. Трансграничный диагностический анализ, национальные "
            "планы действий по Каспию, Стратегическая программа действий и разработка Тегеранской конвенции, "
            "вступившей в силу в 2006 году.",
            "The regional programme of the five Caspian states (Azerbaijan, Iran, Kazakhstan, Russia, "
            "Turkmenistan). The GEF Council approved its project in October 1998, implemented by UNDP, UNEP and "
            "the World Bank; the EU supported it through TACIS. A transboundary diagnostic analysis, National "
            "Caspian Action Plans, the Strategic Action Programme and the Tehran Convention, in force since 2006.",
        ),
        status="4",
        dates={"2": "1998-10-01"},
        countries=["AZ", "IR", "KZ", "RU", "TM"],
        sectors=[("41020", 50), ("41030", 30), ("41010", 20)],
        markers={"5": 2},
        funders=[GEF, EU],
        implementers=[UNDP, UNEP, WORLD_BANK],
        locations=[ATYRAU],
        documents=[
            (
                "http://archive.iwlearn.net/caspianenvironment.org/scripts/print6798.html?word=partners.htm",
                T("Бағдарламаның серіктестері", "Партнёры программы", "The programme's partners"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        33,
        title=T(
            "Орталық Азия мен Түркиядағы құрғақшылыққа және тұздануға ұшыраған ауыл шаруашылығы ландшафттарында "
            "табиғи ресурстарды кешенді басқару (CACILM-2)",
            "Комплексное управление природными ресурсами в подверженных засухе и засолению сельскохозяйственных "
            "ландшафтах Центральной Азии и Турции (CACILM-2)",
            "Integrated natural resources management in drought-prone and salt-affected agricultural production "
            "landscapes in Central Asia and Turkey (CACILM-2)",
        ),
        description=T(
            "Орталық Азия елдерінің жерді басқару бастамасының екінші кезеңі: GEF қаржыландырған (11 млн АҚШ "
            "доллары, GEF жобасы 9094), ФАО жүзеге асырған (GCP/SEC/293/GFF) жоба Қазақстанда, Қырғызстанда, "
            "Тәжікстанда, Түрікменстанда, Өзбекстанда және Түркияда табиғи ресурстарды кешенді басқаруды "
            "кеңейтті: экожүйелік қызметтерді бағалау, саясатқа төзімділікті енгізу, жерді жыртпай егу сияқты "
            "климатқа бейімделген егіншілік; пилоттық өңірлер — Бұхара мен Қашқадария, Орталық Қарақұмның тозған "
            "жайылымдары.",
            "Второй этап Инициативы стран Центральной Азии по управлению земельными ресурсами: проект, "
            "финансируемый ГЭФ (11 млн долларов США, проект ГЭФ 9094) и реализуемый ФАО (GCP/SEC/293/GFF), "
            "расширил комплексное управление природными ресурсами в Казахстане, Кыргызстане, Таджикистане, "
            "Туркменистане, Узбекистане и Турции: оценка экосистемных услуг, учёт устойчивости в политике, "
            "климатически оптимизированное земледелие, например нулевая обработка почвы; пилотные регионы — "
            "Бухара и Кашкадарья, деградированные пастбища Центральных Каракумов.",
            "The second phase of the Central Asian Countries Initiative for Land Management: a GEF-funded (USD 11 "
            "million, GEF project 9094) project implemented by FAO (GCP/SEC/293/GFF) that scaled up integrated "
            "natural resources management in Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan and "
            "Turkey: valuation of ecosystem services, resilience in policies, climate-smart agriculture such as "
            "no-till farming; pilot areas in Bukhara and Kashkadarya and on degraded pastures of the Central "
            "Karakum.",
        ),
        status="4",
        # The project document's expected start and end; the project was launched in 2018.
        dates={"1": "2017-03-01", "2": "2018-01-01", "3": "2021-12-31"},
        countries=[*CENTRAL_ASIA, "TR"],
        sectors=[("31130", 50), ("31140", 30), ("41010", 20)],
        markers={"5": 1, "7": 1, "8": 2},
        funders=[GEF],
        implementers=[FAO],
        budgets=[(11000000, USD, "2017-03-01", "2021-12-31")],
        locations=[BUKHARA],
        documents=[
            (
                "http://www.fao.org/in-action/cacilm-2/en/",
                T("ФАО: жоба туралы", "ФАО: о проекте", "FAO: about the project"),
                ["en", "ru"],
            )
        ],
    ),  # fmt: skip
]
