"""Demo projects: regional programmes of other donors in Central Asia (USAID, World Bank, Germany, Switzerland, GEF).

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
    CIF,
    DUSHANBE,
    EC_IFAS,
    EU,
    FAO,
    GCF,
    GEF,
    GERMAN_FOREIGN_OFFICE,
    GIZ,
    IDA,
    IUCN,
    SDC,
    SECO,
    UNDP,
    UNECE,
    UNEP,
    USAID,
    USD,
    WORLD_BANK,
    T,
    named,
    project,
)

FIVE = [(code, "20") for code in CENTRAL_ASIA]
UNIFR = named("University of Fribourg", "Фрибурский университет", "Фрибур университеті", type="80")
IWMI = named(
    "International Water Management Institute (IWMI)",
    "Международный институт управления водными ресурсами (IWMI)",
    "Су ресурстарын басқарудың халықаралық институты (IWMI)",
    type="80",
)
GFDRR = named(
    "Global Facility for Disaster Reduction and Recovery (GFDRR)",
    "Глобальный фонд по уменьшению опасности бедствий и восстановлению (GFDRR)",
    "Апаттар қаупін азайту және қалпына келтіру жөніндегі жаһандық қор (GFDRR)",
    type="40",
)

PROJECTS = [
    project(
        19,
        title=T(
            "Су, білім және ынтымақтастық (Smart Waters)",
            "Вода, образование и сотрудничество (Smart Waters)",
            "Smart Waters",
        ),
        description=T(
            "CAREC жүзеге асырған USAID жобасы (2015 жылғы 1 қазан – 2020 жылғы 30 қыркүйек, 9,5 млн АҚШ доллары) "
            "Ауғанстанда және Орталық Азияның бес елінде: су ресурстарын кешенді басқару (СРКБ) бойынша жаңа буын "
            "мамандарын даярлау, соның ішінде СРКБ магистратура бағдарламасы; су шаруашылығы ұйымдары мен "
            "академиялық қауымдастықтың байланыс желісі; бассейндік жоспарлау. 8 шағын трансшекаралық су жинау "
            "алабында 13 шағын бассейндік кеңес құрылды, су саласының 2800-ден астам маманы оқытылды.",
            "Проект USAID, реализованный РЭЦЦА (1 октября 2015 – 30 сентября 2020 г., 9,5 млн долларов США) в "
            "Афганистане и пяти странах Центральной Азии: подготовка нового поколения специалистов по "
            "интегрированному управлению водными ресурсами (ИУВР), в том числе магистерская программа по ИУВР; "
            "сеть контактов водохозяйственных организаций и академического сообщества; бассейновое планирование. "
            "Создано 13 малых бассейновых советов на 8 малых трансграничных водосборах, обучено более 2800 "
            "специалистов водного сектора.",
            "A USAID project implemented by CAREC (1 October 2015 – 30 September 2020, USD 9.5 million) in "
            "Afghanistan and the five Central Asian countries: a new generation of water professionals trained in "
            "integrated water resources management (IWRM), including an IWRM master's programme; networking among "
            "water organisations and academia; basin planning. It established 13 small basin councils on 8 small "
            "transboundary watersheds and trained over 2,800 water experts.",
        ),
        status="4",
        dates={"2": "2015-10-01", "4": "2020-09-30"},
        countries=["AF", *CENTRAL_ASIA],
        sectors=[("14010", 60), ("14040", 40)],
        markers={"7": 1},
        funders=[USAID],
        implementers=[CAREC],
        budgets=[(9500000, USD, "2015-10-01", "2020-09-30")],
        related=[("3", 20)],
        documents=[
            (
                "https://2012-2017.usaid.gov/kyrgyz-republic/fact-sheets/smart-waters",
                T("USAID анықтамасы", "Справка USAID", "USAID fact sheet"),
                ["en"],
            ),
            (
                "https://carececo.org/en/main/activity/projects/voda-obrazovanie-i-sotrudnichestvo-/",
                T("CAREC: жоба туралы", "РЭЦЦА: о проекте", "CAREC: about the project"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        20,
        title=T(
            "Саясатты бірлесіп әзірлеудегі мүдделі тараптардың серіктестігі: Орталық Азияның шағын су жинау "
            "алаптарындағы трансшекаралық ынтымақтастыққа жәрдемдесу",
            "Партнёрство заинтересованных сторон в совместной разработке политики: содействие трансграничному "
            "сотрудничеству на малых водосборах Центральной Азии",
            "Stakeholders' partnerships in collaborative policymaking: fostering transboundary cooperation on "
            "small watersheds in Central Asia",
        ),
        description=T(
            "USAID қаржыландырған CAREC жобасы (2012 жылғы сәуір – 2015 жылғы қазан, 1,8 млн АҚШ доллары) су "
            "ресурстарын кешенді басқару қағидаттарын үш шағын трансшекаралық өзенде қолданып, ірі бассейндер "
            "үшін ынтымақтастық, басқару және климаттың өзгеруіне бейімделу үлгісін ұсынды; су жинау алаптарын "
            "дамыту мен басқаруға жергілікті қауымдастықтардың қатысуы күшейтілді.",
            "Проект РЭЦЦА, финансируемый USAID (апрель 2012 – октябрь 2015 г., 1,8 млн долларов США), применил "
            "принципы ИУВР на трёх малых трансграничных реках как модель сотрудничества, управления и адаптации к "
            "изменению климата для крупных бассейнов; усилено участие местных сообществ в развитии и управлении "
            "водосборами.",
            "A CAREC project funded by USAID (April 2012 – October 2015, USD 1.8 million) applied IWRM principles "
            "on three small transboundary rivers as a model of cooperation, governance and adaptation to climate "
            "change for larger basins, and strengthened the involvement of communities in managing the watersheds.",
        ),
        status="4",
        dates={"2": "2012-04-01", "4": "2015-10-31"},
        countries=list(CENTRAL_ASIA),
        sectors=[("14010", 50), ("14040", 50)],
        markers={"7": 1},
        funders=[USAID],
        implementers=[CAREC],
        budgets=[(1800000, USD, "2012-04-01", "2015-10-31")],
        related=[("3", 19)],
        documents=[
            (
                "https://carececo.org/en/main/activity/projects/partnerstvo-zainteresovannykh-storon-v-sovmestnoy-"
                "razrabotke-politiki-sodeystvie-transgranichnomu-so/",
                T("CAREC: жоба туралы", "РЭЦЦА: о проекте", "CAREC: about the project"),
                ["en"],
            )
        ],
    ),
    project(
        21,
        title=T(
            "Су ресурстары және осал қоршаған орта жөніндегі өңірлік бағдарлама",
            "Региональная программа «Водные ресурсы и уязвимая окружающая среда»",
            "Regional Water and Vulnerable Environment",
        ),
        description=T(
            "USAID-тің Орталық Азияның бес еліне арналған бес жылдық бағдарламасы (жалпы құны 24,5 млн АҚШ "
            "доллары), 2020 жылғы қазанда жарияланды: ортақ су ресурстары бойынша өңірлік ынтымақтастықты нығайту, "
            "су, энергетика және ауыл шаруашылығы секторларының өзара байланысын және климаттың өзгеруіне "
            "осалдықты ескеру, демонстрациялық іс-шаралар мен жеке сектордың нарықтық шешімдерін қолдау.",
            "Пятилетняя программа USAID для пяти стран Центральной Азии (общая стоимость 24,5 млн долларов США), "
            "объявлена в октябре 2020 года: укрепление регионального сотрудничества по общим водным ресурсам, "
            "учёт взаимосвязей водного, энергетического и аграрного секторов и уязвимости к изменению климата, "
            "демонстрационные мероприятия и поддержка рыночных решений частного сектора.",
            "A five-year USAID programme for the five Central Asian countries (total cost USD 24.5 million), "
            "announced in October 2020: stronger regional cooperation on shared water resources, attention to "
            "water–energy–agriculture linkages and vulnerability to climate change, demonstration activities and "
            "market-based solutions of the private sector.",
        ),
        dates={"1": "2020-10-01"},
        countries=list(CENTRAL_ASIA),
        sectors=[("14010", 50), ("41010", 30), ("31140", 20)],
        markers={"7": 1},
        funders=[USAID],
        # The budget's period is derived: five years from the announcement in October 2020.
        budgets=[(24500000, USD, "2020-10-01", "2025-09-30", "1")],
        documents=[
            (
                "https://newscentralasia.net/2020/10/05/usaid-launches-new-water-program-for-central-asia",
                T("Бағдарлама туралы хабар", "Сообщение о программе", "News of the programme"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        22,
        title=T(
            "Орталық Азия су және энергетика бағдарламасы (CAWEP)",
            "Центральноазиатская программа по водным ресурсам и энергетике (CAWEP)",
            "Central Asia Water and Energy Program (CAWEP)",
        ),
        description=T(
            "Дүниежүзілік банк басқаратын көп донорлы сенім қоры, 2009 жылы Швейцарияның SECO қолдауымен құрылған. "
            "Климат өзгерген жағдайда су мен энергияны тұрақты әрі кешенді басқару үшін өңірлік ынтымақтастықты "
            "ілгерілетеді: талдамалық жұмыс, институционалдық реформалар және жобаларды дайындау — бөгеттердің "
            "қауіпсіздігі, климатқа бейімделу, гидрометеорологиялық қызметтерді жаңғырту, Тәжікстандағы Нұрек "
            "СЭС-ін қалпына келтіру жобасы. Еуропалық Одақ 2019 жылы донорлар қатарына қосылды; 2023 жылы SECO "
            "бағдарламаның төртінші кезеңіне тағы 5 млн АҚШ долларын бөлді.",
            "Многодонорский целевой фонд под управлением Всемирного банка, созданный в 2009 году при поддержке "
            "SECO (Швейцария). Содействует региональному сотрудничеству ради устойчивого и комплексного "
            "управления водными и энергетическими ресурсами в условиях изменения климата: аналитика, "
            "институциональные реформы и подготовка проектов — безопасность плотин, адаптация к изменению "
            "климата, модернизация гидрометслужб, проект восстановления Нурекской ГЭС в Таджикистане. Европейский "
            "союз присоединился к донорам в 2019 году; в 2023 году SECO выделил ещё 5 млн долларов США на "
            "четвёртый этап программы.",
            "A multi-donor trust fund administered by the World Bank, established in 2009 with the support of "
            "Switzerland's SECO. It promotes regional cooperation for resilient and integrated water and energy "
            "management under a changing climate: analytics, institutional reform and project preparation — dam "
            "safety, climate adaptation, hydromet modernisation, the design of the Nurek hydropower "
            "rehabilitation in Tajikistan. The European Union joined the donors in 2019; in 2023 SECO granted a "
            "further USD 5 million for the programme's fourth phase.",
        ),
        status="2",
        dates={"2": "2009-01-01"},
        countries=list(CENTRAL_ASIA),
        sectors=[("14010", 50), ("23110", 50)],
        markers={"6": 1, "7": 1},
        funders=[SECO, EU],
        implementers=[WORLD_BANK],
        related=[("2", 9)],
        documents=[
            (
                "https://theenergia.com/central-asia-water-and-energy-program-to-benefit-from-additional-support-from-"
                "swiss-partners",
                T("SECO-ның жаңа үлесі", "Новый вклад SECO", "SECO's new contribution"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        23,
        title=T(
            "Арал теңізі бассейні үшін климаттың өзгеруіне бейімделу және оның салдарын жұмсарту бағдарламасы "
            "(CAMP4ASB)",
            "Программа по адаптации к изменению климата и смягчению его последствий для бассейна Аральского "
            "моря (CAMP4ASB)",
            "Climate Adaptation and Mitigation Program for Aral Sea Basin (CAMP4ASB)",
        ),
        description=T(
            "Дүниежүзілік банк директорлар кеңесі 2015 жылғы 3 қарашада бірінші кезеңге Халықаралық даму "
            "қауымдастығының 38 млн АҚШ долларын бекітті: Тәжікстанға 9 млн, Өзбекстанға 14 млн және АХҚ "
            "Атқарушы комитеті CAREC-тің қолдауымен жүзеге асыратын өңірлік іс-шараларға 15 млн. Бағдарлама "
            "2016 жылғы тамызда басталды: климат туралы білімге қол жеткізуді жақсарту және ауылдық "
            "қауымдастықтардың климатқа төзімді инвестициялары. Жасыл климаттық қордың 19 млн АҚШ доллары "
            "қосымша қаржыландыруы — Орталық Азиядағы ЖКҚ қаржыландырған алғашқы жоба.",
            "3 ноября 2015 года Совет директоров Всемирного банка одобрил 38 млн долларов США от Международной "
            "ассоциации развития на первый этап: 9 млн для Таджикистана, 14 млн для Узбекистана и 15 млн на "
            "региональные мероприятия, которые реализует ИК МФСА при поддержке РЭЦЦА. Программа началась в "
            "августе 2016 года: улучшение доступа к знаниям о климате и климатически устойчивые инвестиции "
            "сельских сообществ. Дополнительное финансирование Зелёного климатического фонда в 19 млн долларов "
            "США — первый проект ЗКФ в Центральной Азии.",
            "On 3 November 2015 the World Bank's Board approved USD 38 million from the International Development "
            "Association for the first phase: USD 9 million for Tajikistan, 14 million for Uzbekistan and 15 "
            "million for regional activities implemented by the Executive Committee of IFAS with CAREC. The "
            "programme started in August 2016: better access to climate knowledge and climate-smart investments "
            "of rural communities. Additional financing of USD 19 million from the Green Climate Fund made it the "
            "first GCF-funded project in Central Asia.",
        ),
        status="4",
        dates={"2": "2016-08-04", "3": "2021-04-30"},
        # The first phase's money: 9 of 38 million for Tajikistan, 14 for Uzbekistan, 15 regional.
        countries=[("TJ", "23.68"), ("UZ", "36.84")],
        regions=[("619", "39.48")],
        sectors=[("31120", 40), ("41082", 30), ("14015", 30)],
        markers={"6": 1, "7": 2, "8": 1},
        funders=[IDA, GCF],
        implementers=[EC_IFAS, CAREC],
        budgets=[(38000000, USD, "2016-08-04", "2021-04-30")],
        transactions=[("2", "2015-11-03", 38000000, USD, IDA, EC_IFAS)],
        documents=[
            (
                "https://carececo.org/en/main/activity/projects/programma-po-adaptatsii-k-izmeneniyu-klimata-i-"
                "smyagcheniyu-ego-posledstviy-dlya-basseyna-aralskogo-/",
                T("CAREC: бағдарлама туралы", "РЭЦЦА: о программе", "CAREC: about the programme"),
                ["en"],
            )
        ],
    ),
    project(
        24,
        title=T(
            "Орталық Азияның гидрометеорологиялық қызметтерін жаңғырту жобасы (CAHMP)",
            "Проект модернизации гидрометеорологического обслуживания в Центральной Азии (CAHMP)",
            "Central Asia Hydrometeorology Modernization Project (CAHMP)",
        ),
        description=T(
            "Дүниежүзілік банк жобасы Орталық Азиядағы, әсіресе Қырғыз Республикасы мен Тәжікстандағы "
            "гидрометеорологиялық қызметтердің дәлдігі мен уақтылығын арттыруға бағытталды: өңірлік үйлестіру "
            "және деректер алмасу, Қырғызгидромет пен Тәжікгидрометті нығайту. Жоба аясында Қырғызстан мен "
            "Тәжікстанда 87 метеостанция мен 19 өзен бекеті қалпына келтірілді, ауа райы болжамы 30%-ға дейін "
            "жақсарды.",
            "Проект Всемирного банка был направлен на повышение точности и своевременности гидрометеорологического "
            "обслуживания в Центральной Азии, особенно в Кыргызской Республике и Таджикистане: региональная "
            "координация и обмен данными, укрепление Кыргызгидромета и Таджикгидромета. В рамках проекта в "
            "Кыргызстане и Таджикистане восстановлены 87 метеостанций и 19 речных постов, точность прогнозов "
            "погоды выросла до 30%.",
            "The World Bank project aimed to improve the accuracy and timeliness of hydromet services in Central "
            "Asia, with a focus on the Kyrgyz Republic and Tajikistan: regional coordination and data sharing, and "
            "stronger Kyrgyzhydromet and Tajikhydromet. It rehabilitated 87 weather stations and 19 river stations "
            "in the two countries and improved weather forecasts by up to 30 percent.",
        ),
        status="4",
        # The Tajik component ran from 1 November 2011 to 31 December 2018.
        dates={"2": "2011-11-01", "4": "2018-12-31"},
        countries=["KZ", "KG", "TJ", "UZ"],
        sectors=[("43060", 60), ("41082", 40)],
        markers={"7": 2},
        funders=[WORLD_BANK, CIF, GFDRR],
        implementers=[
            named("Kyrgyzhydromet", "Кыргызгидромет", "Қырғызгидромет", type="10"),
            named(
                "Agency for Hydrometeorology of Tajikistan",
                "Агентство по гидрометеорологии Таджикистана",
                "Тәжікстанның гидрометеорология агенттігі",
                type="10",
            ),
        ],
        budgets=[(21174824, USD, "2011-11-01", "2018-12-31")],
        locations=[BISHKEK, DUSHANBE],
        documents=[
            (
                "https://waterunites-ca.org/project/central-asia-hydrometeorology-modernization-project-cahmp/",
                T("Жоба картасы", "Карточка проекта", "Project card"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        25,
        title=T(
            "Орталық Азиядағы су ресурстарын трансшекаралық басқару",
            "Трансграничное управление водными ресурсами в Центральной Азии",
            "Transboundary Water Management in Central Asia",
        ),
        description=T(
            "Германия Сыртқы істер министрлігінің Орталық Азия су бастамасының («Берлин процесі», 2008 жылғы 1 "
            "сәуірде Берлиндегі «Су біріктіреді» конференциясында жарияланған) ең ауқымды бөлігі. GIZ бес елге "
            "тұрақты өңірлік су басқару құрылымдарын құруға көмектесті: өңірлік институционалдық ынтымақтастық "
            "(БҰҰ ЕЭК-пен және АХҚ Атқарушы комитетімен), шағын өзендердің трансшекаралық бассейндерін басқару "
            "(бассейндік жоспарлар, бөгеттер қауіпсіздігі, мониторинг және деректер алмасу) және білім беру. "
            "Еуропалық Одақ ішінара бірлесіп қаржыландырды.",
            "Крупнейший элемент Водной инициативы МИД Германии для Центральной Азии («Берлинский процесс», "
            "объявлен 1 апреля 2008 года на берлинской конференции «Вода объединяет»). GIZ помогало пяти странам "
            "создавать устойчивые региональные структуры управления водными ресурсами: региональное "
            "институциональное сотрудничество (с ЕЭК ООН и ИК МФСА), управление трансграничными бассейнами малых "
            "рек (бассейновые планы, безопасность плотин, мониторинг и обмен данными) и образование. Частично "
            "софинансировалось Европейским союзом.",
            "The largest element of the German Federal Foreign Office's Central Asia Water Initiative (the 'Berlin "
            "Process', announced on 1 April 2008 at the Berlin conference 'Water Unites'). GIZ helped the five "
            "countries build sustainable regional water management structures: regional institutional cooperation "
            "(with UNECE and the Executive Committee of IFAS), management of smaller transboundary river basins "
            "(basin plans, dam safety, monitoring and data exchange) and education. Partly co-financed by the "
            "European Union.",
        ),
        status="4",
        dates={"2": "2009-04-01", "4": "2019-12-31"},
        countries=FIVE,
        sectors=[("14010", 60), ("14040", 40)],
        markers={"7": 1},
        funders=[GERMAN_FOREIGN_OFFICE, EU],
        implementers=[GIZ, UNECE],
        related=[("3", 26)],
        documents=[
            (
                "https://www.giz.de/en/worldwide/15176.html",
                T("GIZ: бағдарлама туралы", "GIZ: о программе", "GIZ: about the programme"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
    project(
        26,
        title=T(
            "«Жасыл Орталық Азия»: қоршаған орта, климат және су ресурстары саласындағы төзімділікті арттыру",
            "«Зелёная Центральная Азия»: повышение устойчивости в сферах окружающей среды, климата и водных ресурсов",
            "Green Central Asia: enhancing environment, climate and water resilience",
        ),
        description=T(
            "Германия Сыртқы істер министрлігі 2020 жылғы 28 қаңтарда Берлинде бастаған климат және қауіпсіздік "
            "жөніндегі өңірлік бастама: Қазақстан, Қырғызстан, Тәжікстан, Түрікменстан, Өзбекстан және Ауғанстан "
            "бірлескен ниет декларациясына қол қойды. Мақсаты — ақпаратқа және тәуекелдерді талдауға қол жеткізуді "
            "жақсарту, диалогтар мен семинарлар өткізу, Потсдам климаттың әсерін зерттеу институты (PIK), "
            "GFZ геоғылымдар орталығы, Галле-Виттенберг университеті және Қазақ-неміс университетімен ғылыми "
            "ынтымақтастық. Бастама «Берлин процесінің» жетістіктеріне сүйенеді.",
            "Региональная инициатива по климату и безопасности, начатая МИД Германии 28 января 2020 года в Берлине: "
            "Казахстан, Кыргызстан, Таджикистан, Туркменистан, Узбекистан и Афганистан подписали совместную "
            "декларацию о намерениях. Цель — улучшить доступ к информации и анализу рисков, проводить диалоги и "
            "семинары, развивать научное сотрудничество с Потсдамским институтом исследований климата (PIK), "
            "центром геонаук GFZ, Университетом Галле-Виттенберга и Казахстанско-Немецким университетом. "
            "Инициатива опирается на достижения «Берлинского процесса».",
            "A regional initiative on climate and security launched by the German Federal Foreign Office in Berlin "
            "on 28 January 2020: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan and Afghanistan "
            "signed a joint declaration of intent. It aims at better access to information and risk analyses, "
            "dialogues and workshops, and scientific cooperation with the Potsdam Institute for Climate Impact "
            "Research (PIK), the GFZ German Research Centre for Geosciences, Martin Luther University "
            "Halle-Wittenberg and the German-Kazakh University. It builds on the Berlin Process.",
        ),
        status="2",
        dates={"2": "2020-01-28"},
        countries=[*CENTRAL_ASIA, "AF"],
        sectors=[("41010", 60), ("14010", 40)],
        markers={"7": 2},
        funders=[GERMAN_FOREIGN_OFFICE],
        related=[("3", 25)],
        documents=[
            (
                "https://adelphi.de/en/publications/green-central-asia-conference-summary",
                T("Бастама конференциясы", "Конференция инициативы", "Launch conference summary"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
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
