import { useTranslation } from 'react-i18next';
import { useResource } from '../api/use-resource.js';
import { formatDay } from '../i18n/format.js';
import '../ui/messages.css';

/** « Actualités » on « Mon compte famille » (issue 14): the city's news within their publication window. */
export function NewsBlock() {
  const { t } = useTranslation('messages');
  const news = useResource('messages.news');
  if (!news.data || news.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="bloc-actualites">
      <h2 id="bloc-actualites">{t('news.title')}</h2>
      <ul className="news-list">
        {news.data.map((n) => (
          <li key={n.id}>
            <h3>{n.title}</h3>
            <p className="message__meta">{formatDay(n.publishFrom)}</p>
            <p>{n.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
