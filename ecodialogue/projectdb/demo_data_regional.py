"""Demo projects: other donors' regional water and climate programmes (USAID, the World Bank, Germany).

Sources are linked from each record; see `demo_data.py` for how dates,
percentages and markers are written.
"""

from .demo_data import (
    BISHKEK,
    CAREC,
    CENTRAL_ASIA,
    CIF,
    DUSHANBE,
    EC_IFAS,
    EU,
    GCF,
    GERMAN_FOREIGN_OFFICE,
    GIZ,
    IDA,
    SECO,
    UNECE,
    USAID,
    USD,
    WORLD_BANK,
    T,
    named,
    project,
)

FIVE = [(code, "20") for code in CENTRAL_ASIA]
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
]
