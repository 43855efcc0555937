"""Turn IATI's codelist XML files into the compact JSON the platform reads (names in en/fr, category, status)."""
import json, sys, pathlib
from lxml import etree
src = pathlib.Path(sys.argv[1]); out = pathlib.Path(sys.argv[2])
XL = "{http://www.w3.org/XML/1998/namespace}lang"
for f in sorted(src.glob("*.xml")):
    root = etree.parse(str(f), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    items = {}
    for item in root.iter("codelist-item"):
        code = item.findtext("code").strip()
        names = {}
        for n in item.findall("name/narrative"):
            names[(n.get(XL) or "en").lower()] = (n.text or "").strip()
        entry = {"name": names.get("en", "")}
        cat = item.findtext("category")
        if cat: entry["category"] = cat.strip()
        if item.get("status") == "withdrawn": entry["withdrawn"] = True
        items[code] = entry
    (out / (f.stem + ".json")).write_text(json.dumps(items, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
