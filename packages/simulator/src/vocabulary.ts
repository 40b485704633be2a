// Words the simulated communities use: group names by purpose, ad copy shared by spammers across
// groups, the one-word thanks that follow a red packet, and reaction emoji.
import type { GroupPurpose, Platform } from '@qunpulse/contracts';

const CHINESE_PLATFORMS: ReadonlySet<Platform> = new Set(['wecom', 'wechat', 'qq']);

const NAMES_ZH: Record<GroupPurpose, readonly string[]> = {
  sales: ['鲜果团购群', '母婴好物福利群', '家居清仓特卖群', '美妆折扣群', '社区生鲜团'],
  networking: ['上海创业者交流群', '深圳产品经理圈', '杭州跨境电商同行群', '北京HR交流群', '出海创业者联盟'],
  interest: ['周末徒步俱乐部', '摄影爱好者群', '咖啡手冲交流群', '跑步打卡群', '读书会'],
  brand: ['品牌会员俱乐部', '新品体验官群', '品牌粉丝群', 'VIP客户群', '门店会员群'],
  influence: ['增长黑客研习社', '私域运营实战营', '副业成长营', '投资理财学习群', '写作训练营'],
  support: ['产品用户答疑群', 'SaaS客户服务群', '售后支持群', '开发者支持群', '新手使用交流群'],
  other: ['同学群', '校友会', '邻里群', '老乡群', '闲聊群'],
};

const NAMES_EN: Record<GroupPurpose, readonly string[]> = {
  sales: ['Daily Deals', 'Sneaker Drops', 'Home Goods Outlet', 'Gadget Flash Sales', 'Local Produce Co-op'],
  networking: ['Founders Lounge', 'Product Managers Circle', 'Remote Devs Network', 'Indie Hackers Meetup', 'Growth Marketers'],
  interest: ['Weekend Hikers', 'Film Photography', 'Home Baristas', 'Board Game Night', 'Book Club'],
  brand: ['Brand Insiders', 'Beta Testers', 'Superfans Club', 'VIP Members', 'Ambassadors'],
  influence: ['Creator Academy', 'Newsletter Writers', 'Investing 101 Cohort', 'Side Project Sprint', 'Writing Bootcamp'],
  support: ['Product Help', 'API Developers', 'Customer Success', 'Self-hosting Help', 'New Users Q&A'],
  other: ['Alumni', 'Neighbours', 'Class of 2019', 'Hometown Friends', 'Off Topic'],
};

export function groupName(platform: Platform, purpose: GroupPurpose, serial: number, variant: number): string {
  const names = (CHINESE_PLATFORMS.has(platform) ? NAMES_ZH : NAMES_EN)[purpose];
  const base = names[variant % names.length]!;
  return CHINESE_PLATFORMS.has(platform) ? `${base}${serial}` : `${base} #${serial}`;
}

/** Ad copy: spammers reuse these word for word in every group they reach. */
export const AD_TEXTS: readonly string[] = [
  '兼职刷单日结300+，加V详聊 http://t.cn/A6x9kP2',
  '高收益理财，稳赚不赔，点击领取 https://bit.ly/3xQmoney',
  '正品名表一折起，厂家直销 http://wb.cn/watch88',
  '免费领取课程资料包，扫码进群 https://s.qq.com/free-course',
  'Crypto signals 500% guaranteed, join now https://t.me/+pumpsignals',
  'Work from home $400/day, DM me https://bit.ly/wfh-cash',
  '低价代购化妆品，支持验货 http://dwz.cn/beauty66',
  'Free followers for your account https://boost-likes.example/free',
  '贷款秒批不看征信，私聊 http://t.cn/loan999',
  '优惠券群，每天领大额券 https://u.jd.com/coupons',
];

export const THANKS_ZH: readonly string[] = ['谢谢老板', '谢谢', '感谢红包', '多谢老板', '🧧谢谢', '老板大气', '谢谢群主'];
export const THANKS_EN: readonly string[] = ['thanks boss', 'thanks!', 'ty', 'thank you', '🧧 thanks', 'nice, thanks'];

export function thanksWords(platform: Platform): readonly string[] {
  return CHINESE_PLATFORMS.has(platform) ? THANKS_ZH : THANKS_EN;
}

export const EMOJI: readonly string[] = ['👍', '❤️', '😂', '🎉', '🙏', '👀', '🔥', '💯'];

/** Platforms where members react to messages often; elsewhere reactions are rare. */
export const REACTION_RATE: Record<Platform, number> = {
  wecom: 0.15, wechat: 0.05, qq: 0.4, telegram: 1, discord: 1.2, slack: 1.3, other: 0.5, irc: 0, zulip: 1,
};

/** Hours from UTC where the platform's communities mostly live. */
export const TZ_OFFSETS: Record<Platform, readonly number[]> = {
  wecom: [8], wechat: [8], qq: [8], telegram: [3, 8, 1], discord: [-5, -8, 1], slack: [-5, -8, 0], other: [0, 8], irc: [0], zulip: [0],
};

export function isChinesePlatform(platform: Platform): boolean {
  return CHINESE_PLATFORMS.has(platform);
}
