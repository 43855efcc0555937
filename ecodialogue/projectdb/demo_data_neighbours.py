"""Demo projects in one of Kazakhstan's neighbours: Uzbekistan, Tajikistan, Turkmenistan.

Sources are linked from each record; see `demo_data.py` for how dates,
percentages and markers are written.
"""

from .demo_data import (
    ADAPTATION_FUND,
    ADB,
    CIF,
    DUSHANBE,
    EBRD,
    EU,
    EUR,
    GOV_UZ,
    NUKUS,
    UNDP,
    USD,
    WORLD_BANK,
    T,
    named,
    project,
)

UZ, TJ, TM = ([(code, "100")] for code in ("UZ", "TJ", "TM"))

FINLAND = named(
    "Ministry for Foreign Affairs of Finland", "Министерство иностранных дел Финляндии",
    "Финляндияның Сыртқы істер министрлігі", type="10",
)  # fmt: skip
NORWAY = named("Government of Norway", "Правительство Норвегии", "Норвегия Үкіметі", type="10")
KOREA = named("Government of the Republic of Korea", "Правительство Республики Корея", "Корея Республикасының Үкіметі",
              type="10")  # fmt: skip

PROJECTS = [
    project(
        39,
        title=T(
            "Өзбекстандағы Арал өңірі үшін адам қауіпсіздігі жөніндегі БҰҰ-ның көпсеріктес сенім қоры",
            "Многопартнёрский трастовый фонд ООН по человеческой безопасности для региона Приаралья в Узбекистане",
            "UN Multi-Partner Human Security Trust Fund for the Aral Sea Region in Uzbekistan",
        ),
        description=T(
            "БҰҰ мен Өзбекстан Үкіметі 2018 жылдың соңында құрған қор Арал теңізінің құрғауынан зардап шеккен "
            "Қарақалпақстан қауымдастықтарына (жердің тозуы мен шөлейттену, ауыз судың тапшылығы, денсаулық) "
            "көмекті үйлестіретін бірыңғай алаң болып табылады. Алғашқы донор — Өзбекстан (6,5 млн АҚШ доллары "
            "туралы келісімге 2018 жылғы 27 қарашада қол қойылды); одан кейін Норвегия, Финляндия, Еуропалық Одақ "
            "(5 млн еуро) және Корея Республикасы қосылды. Қатысатын БҰҰ агенттіктері: ФАО, БҰҰДБ, ЮНЕСКО, ЮНФПА, "
            "ЮНИСЕФ, БҰҰ ЕҚБ, ДДСҰ.",
            "Фонд, созданный ООН и Правительством Узбекистана в конце 2018 года, — единая платформа для "
            "координации помощи сообществам Каракалпакстана, пострадавшим от высыхания Аральского моря "
            "(деградация земель и опустынивание, нехватка питьевой воды, здоровье). Первым донором стал Узбекистан "
            "(соглашение о 6,5 млн долларов США подписано 27 ноября 2018 года); затем присоединились Норвегия, "
            "Финляндия, Европейский союз (5 млн евро) и Республика Корея. Участвуют агентства ООН: ФАО, ПРООН, "
            "ЮНЕСКО, ЮНФПА, ЮНИСЕФ, УНП ООН, ВОЗ.",
            "Set up by the UN and the Government of Uzbekistan in late 2018 as a single platform to coordinate aid "
            "to the communities of Karakalpakstan hit by the drying of the Aral Sea (land degradation and "
            "desertification, lack of drinking water, health). Uzbekistan was its first donor (a USD 6.5 million "
            "agreement signed on 27 November 2018), followed by Norway, Finland, the European Union (EUR 5 "
            "million) and the Republic of Korea. UN agencies: FAO, UNDP, UNESCO, UNFPA, UNICEF, UNODC, WHO.",
        ),
        status="2",
        dates={"2": "2018-11-27"},
        countries=UZ,
        sectors=[("43040", 40), ("41010", 30), ("14030", 30)],
        markers={"7": 2, "8": 2},
        funders=[GOV_UZ, NORWAY, FINLAND, EU, KOREA],
        implementers=[UNDP],
        transactions=[
            ("11", "2018-11-27", 6500000, USD, GOV_UZ, UNDP),
            # Finland's funding decision of 17 December 2019.
            ("11", "2019-12-17", 1000000, EUR, FINLAND, UNDP),
        ],
        locations=[NUKUS],
        documents=[
            (
                "https://mptf.undp.org/factsheet/fund/ARL00",
                T("Қордың анықтамасы", "Справка фонда", "Trust fund factsheet"),
                ["en"],
            ),
            ("https://aral.mptf.uz/site/about.html", T("Қор туралы", "О фонде", "About the fund"), ["en", "ru"]),
        ],
    ),  # fmt: skip
    project(
        40,
        title=T(
            "Тәжікстандағы климатқа төзімділіктің пилоттық бағдарламасы (PPCR)",
            "Пилотная программа по климатической устойчивости (PPCR) в Таджикистане",
            "Pilot Program for Climate Resilience (PPCR) in Tajikistan",
        ),
        description=T(
            "2008 жылғы қарашада бекітілген PPCR — Климаттық инвестициялық қорлардың Стратегиялық климаттық "
            "қорының алғашқы бағдарламасы; ол климаттық тәуекелдерді даму жоспарларына енгізуге көмектеседі. "
            "Орталық Азиядағы климаттың өзгеруіне ең осал елдердің бірі Тәжікстан PPCR-дан 47,8 млн АҚШ доллары "
            "грант алады; климатқа төзімділіктің стратегиялық бағдарламасы 2010 жылғы қарашада дайындалды. "
            "Серіктес банктер: Дүниежүзілік банк, АДБ, ЕҚДБ.",
            "PPCR, одобренная в ноябре 2008 года, — первая программа Стратегического климатического фонда "
            "Климатических инвестиционных фондов; она помогает учитывать климатические риски в планах развития. "
            "Таджикистан, одна из наиболее уязвимых к изменению климата стран Центральной Азии, получает от PPCR "
            "гранты на 47,8 млн долларов США; Стратегическая программа климатической устойчивости подготовлена в "
            "ноябре 2010 года. Банки-партнёры: Всемирный банк, АБР, ЕБРР.",
            "PPCR, approved in November 2008, is the first programme of the Strategic Climate Fund of the Climate "
            "Investment Funds; it helps integrate climate risk into development planning. Tajikistan, one of the "
            "most climate-vulnerable countries of Central Asia, taps USD 47.8 million in PPCR grants; its "
            "Strategic Program for Climate Resilience was prepared in November 2010. Partner banks: the World "
            "Bank, ADB and the EBRD.",
        ),
        countries=TJ,
        sectors=[("41010", 40), ("43060", 30), ("31140", 30)],
        markers={"7": 2},
        funders=[CIF],
        implementers=[WORLD_BANK, ADB, EBRD],
        related=[("2", 41)],
        documents=[
            (
                "http://ledsgp.org/program/pilot-program-for-climate-resilience-tajikistan/?loclang=en_gb",
                T("Бағдарлама туралы", "О программе", "About the programme"),
                ["en"],
            )
        ],
    ),  # fmt: skip
    project(
        41,
        title=T(
            "CLIMADAPT: климатқа төзімділікті қаржыландыру механизмі",
            "CLIMADAPT: механизм финансирования климатической устойчивости",
            "CLIMADAPT: a climate resilience financing facility",
        ),
        description=T(
            "ЕҚДБ, PPCR және Тәжікстан Үкіметі 2016 жылғы ақпанда іске қосқан механизм: CIF 5 млн АҚШ долларын "
            "береді, ЕҚДБ тағы 5 млн тартты. «Эсхата» банкі, «Хумо» МҚҰ және IMON International сияқты жергілікті "
            "қаржы институттары арқылы кәсіпорындарға, фермерлерге және үй шаруашылықтарына су мен энергияны "
            "үнемдейтін, климатқа төзімді технологияларға несие беріледі; техникалық ынтымақтастықты "
            "Ұлыбританияның DFID қаржыландырады.",
            "Механизм, запущенный ЕБРР, PPCR и Правительством Таджикистана в феврале 2016 года: CIF предоставляет "
            "5 млн долларов США, ЕБРР привлёк ещё 5 млн. Через местные финансовые институты — банк «Эсхата», МФО "
            "«Хумо» и IMON International — предприятия, фермеры и домохозяйства получают кредиты на "
            "водосберегающие, энергоэффективные и климатически устойчивые технологии; техническое сотрудничество "
            "финансирует DFID (Великобритания).",
            "Launched by the EBRD, the PPCR and the Government of Tajikistan in February 2016: the CIF provides USD "
            "5 million and the EBRD leveraged another 5 million. Through local financial institutions — Bank "
            "Eskhata, Humo and IMON International — businesses, farmers and households borrow for water-saving, "
            "energy-efficient and climate-resilient technologies; the UK's DFID funds technical cooperation.",
        ),
        dates={"2": "2016-02-01"},
        countries=TJ,
        sectors=[("31140", 40), ("23183", 30), ("24030", 30)],
        markers={"6": 1, "7": 2},
        funders=[CIF, EBRD, named("UK Department for International Development (DFID)", type="10")],
        implementers=[EBRD],
        locations=[DUSHANBE],
        related=[("1", 40)],
        documents=[
            (
                "https://climadapt.tj/about/press_center/news/13-06-2016-building-climate-resilience-by-linking-market-"
                "players-to-technology-and-funds/",
                T("CLIMADAPT туралы", "О CLIMADAPT", "About CLIMADAPT"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        42,
        title=T(
            "Түрікменстандағы фермерлік жүйелер үшін климаттың өзгеруі тәуекелдерін ұлттық және жергілікті "
            "деңгейде азайту",
            "Снижение рисков изменения климата для фермерских систем в Туркменистане на национальном и местном уровнях",
            "Addressing climate change risks to farming systems in Turkmenistan at national and community level",
        ),
        description=T(
            "Бейімделу қоры қаржыландырған БҰҰДБ жобасы Табиғатты қорғау және жер ресурстары жөніндегі мемлекеттік "
            "комитетпен бірге климаттың өзгеруінен туындаған су тапшылығына қарсы су басқару тәжірибесін үш "
            "агроэкологиялық аймақта нығайтты: суды үнемдеу және суару шаралары, су пайдаланушылар "
            "қауымдастықтары, ұлттық су заңнамасы мен тарифтері. Жобаның бастапқы семинары 2012 жылғы 22 мамырда "
            "өтті; 2017 жылғы тамызда қорытынды шығарылды — тікелей және жанама пайда алушылар шамамен 70 000 адам.",
            "Проект ПРООН, финансируемый Адаптационным фондом, вместе с Государственным комитетом по охране "
            "природы и земельным ресурсам укреплял практику управления водой против вызванного изменением климата "
            "дефицита воды в трёх агроэкологических зонах: водосберегающие и ирригационные меры, ассоциации "
            "водопользователей, национальное водное законодательство и тарифы. Стартовый семинар прошёл 22 мая "
            "2012 года; итоги подведены в августе 2017 года — около 70 000 прямых и косвенных бенефициаров.",
            "A UNDP project funded by the Adaptation Fund that, with the State Committee for Nature Protection and "
            "Land Resources, strengthened water management against climate-induced water scarcity in three "
            "agro-ecological zones: water efficiency and irrigation measures, water user associations, national "
            "water legislation and pricing. The inception workshop was held on 22 May 2012; the final results were "
            "reviewed in August 2017 — about 70,000 direct and indirect beneficiaries.",
        ),
        status="4",
        dates={"2": "2012-05-22", "4": "2017-08-18"},
        countries=TM,
        sectors=[("31140", 70), ("14010", 30)],
        markers={"7": 2, "8": 1},
        funders=[ADAPTATION_FUND],
        implementers=[UNDP],
        documents=[
            (
                "https://www.tm.undp.org/content/turkmenistan/en/home/operations/projects/environment_and_energy/"
                "addressing-climate-change-risks-to-farming-systems-in-turkmenist.html",
                T("БҰҰДБ: жоба туралы", "ПРООН: о проекте", "UNDP: about the project"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
]
