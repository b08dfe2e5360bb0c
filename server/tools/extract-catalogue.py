# Extract the three annexes of seed 003 (区乡镇/街道/村(社区)统一进驻事项基础清单) into config/matters/*.json.
# The seed text has page numbers ("\n14、") inside rows; they are removed before the rows are split.
# Usage: python3 server/tools/extract-catalogue.py ../shared/seeds/003_8bac695fb214484c.txt config/matters
import json, re, sys

TYPES = ['其他行政权力', '行政许可', '行政给付', '公共服务', '便民服务', '其他']

# Browse department and handling queue from the matter's own words (first match wins).
RULES = [
    (r'退役|军人|优抚|参战|核试验|复员|伤残等级', '退役军人', 'civil'),
    (r'残疾', '残联', 'disabled'),
    (r'生育|计划生育|独生子女|婚育|避孕节育', '卫生健康（计生）', 'health'),
    (r'参保登记|养老保险', '社会保障', 'labor'),
    (r'最低生活保障|低保|特困|临时救助|孤儿|高龄津贴|墓地|教育救助', '民政', 'civil'),
    (r'就业|失业|职业|创业|公益性岗位', '就业', 'labor'),
    (r'养老|医疗保险|社会保险|社保|退休', '社会保障', 'labor'),
    (r'土地|承包|农业|种植|种苗|造林|林木', '农业农村', 'general'),
    (r'规划|建设|建筑物|构筑物', '规划建设', 'general'),
]

def classify(name):
    for pattern, dept, cat in RULES:
        if re.search(pattern, name):
            return dept, cat
    return '综合', 'general'

def rows(section, body, count):
    out = []
    for k in range(1, count + 1):
        start = section.index(f'{k}{body}') + len(f'{k}{body}')
        end = section.index(f'{k + 1}{body}', start) if k < count else len(section)
        text = section[start:end]
        kind = next(t for t in TYPES if text.endswith(t))
        out.append((k, text[: -len(kind)], kind))
    return out

src, outdir = sys.argv[1], sys.argv[2]
t = re.sub(r'\n\d+、', '', open(src, encoding='utf-8').read())
a1, a2, a3 = t.index('附件1:'), t.index('附件2:'), t.index('附件3:')
lists = [
    ('township', '乡镇', t[a1:a2], '各乡镇人民政府', 56),
    ('street', '街道', t[a2:a3], '各街道办事处', 48),
    ('village', '村（社区）', t[a3:], '村委会(居委会)', 14),
]
for level, level_name, section, body, count in lists:
    matters = []
    for k, name, kind in rows(section, body, count):
        dept, cat = classify(name)
        if level == 'village':
            dept, cat = '村（社区）证明', 'consult'
        matters.append({'id': f'{level}-{k:02d}', 'name': name, 'type': kind, 'body': body, 'department': dept, 'categoryId': cat})
    doc = {'level': level, 'title': f'区{level_name}统一进驻事项基础清单', 'source': 'seed 003 附件' + {'township': '1', 'street': '2', 'village': '3'}[level], 'matters': matters}
    with open(f'{outdir}/{level}.json', 'w', encoding='utf-8') as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print(level, len(matters))
