// The entry forms for 意见和投诉登记 and 上门服务登记, shared by /admin (登记簿) and the window console: the
// caller posts the body (POST /api/registers/complaints, /api/registers/home-visits) and shows the answer.
import { useState } from 'preact/hooks';

export function ComplaintForm(props: { post(body: unknown): void }) {
  const [source, setSource] = useState('counter');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [content, setContent] = useState('');
  return (
    <form
      class="inline-form"
      data-testid="complaint-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.post({
          source,
          content: content.trim(),
          ...(name.trim() ? { name: name.trim() } : {}),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
        });
        setContent('');
      }}
    >
      <select name="source" value={source} onChange={(e) => setSource(e.currentTarget.value)}>
        <option value="counter">窗口登记</option>
        <option value="phone">来电</option>
        <option value="box">意见箱</option>
      </select>
      <input
        name="name"
        placeholder="反映人（可选）"
        maxLength={40}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <input
        name="phone"
        placeholder="联系电话（可选）"
        maxLength={40}
        value={phone}
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      <input
        name="content"
        placeholder="意见或投诉内容"
        maxLength={1000}
        required
        value={content}
        onInput={(e) => setContent(e.currentTarget.value)}
      />
      <button type="submit">登记</button>
    </form>
  );
}

export function HomeVisitForm(props: { today: string; post(body: unknown): void }) {
  const [f, setF] = useState({
    name: '',
    phone: '',
    address: '',
    reason: '年迈行动不便',
    matterText: '',
    visitDate: props.today,
  });
  const field = (k: keyof typeof f, placeholder: string, type = 'text') => (
    <input
      name={k}
      type={type}
      placeholder={placeholder}
      value={f[k]}
      onInput={(e) => setF({ ...f, [k]: e.currentTarget.value })}
    />
  );
  return (
    <form
      class="inline-form"
      data-testid="home-visit-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.post({
          name: f.name.trim(),
          reason: f.reason.trim(),
          matterText: f.matterText.trim(),
          ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
          ...(f.address.trim() ? { address: f.address.trim() } : {}),
          ...(f.visitDate ? { visitDate: f.visitDate } : {}),
        });
      }}
    >
      {field('name', '服务对象')}
      {field('phone', '联系电话')}
      {field('address', '地址')}
      {field('reason', '上门事由')}
      {field('matterText', '办理事项')}
      {field('visitDate', '约定日期', 'date')}
      <button type="submit">登记</button>
    </form>
  );
}
